// Use cases of stage 6, drafting the report (M 33-40; R18): each section
// of the agreed structure saved as versions by its author once the
// emerging-findings meeting and the quality assurance of the evidence
// allow it, comments and suggested edits on a section answered by its
// author, and every participating inspectorate's confirmation that its red
// lines are respected, bound to the report as it stands.
#include "domain/publication_checks.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/directory_store.h"
#include "store/drafting_store.h"

namespace jointly {

using nlohmann::json;
using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

json DraftJson(const SectionDraft& d) {
  return {{"id", d.id},     {"section_id", d.section_id}, {"number", d.number},
          {"text", d.text}, {"written_by", d.written_by}, {"written_at", d.written_at}};
}

json CommentJson(const SectionComment& c) {
  return {{"id", c.id},
          {"section_id", c.section_id},
          {"kind", CommentKindId(c.kind)},
          {"state", CommentStateId(c.state)},
          {"text", c.text},
          {"replace", c.replace},
          {"with", c.with},
          {"reason", c.reason}};
}

}  // namespace

void InspectionService::RegisterDrafting() {
  DecisionKind red_lines;
  red_lines.ask = Permission::kRunInspections;
  // Confirming changes nothing but the confirmation itself.
  red_lines.apply = [](Transaction&, const StoredDecision&, const Caller&, const std::string&) {
    return OkStatus();
  };
  red_lines.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(auto drafts, DraftsOf(tx, inspection_id));
    return ReportVersion(drafts);
  };
  red_lines.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/report", "See the draft report");
  };
  red_lines.seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  red_lines.answerable = UnsettledIn(InspectionStage::kReport);
  decisions_.Register(kRedLinesConfirmation, std::move(red_lines));
}

Status InspectionService::ReadDrafting(Transaction& tx, InspectionView& v, InspectionFacts& f,
                                       bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(v.drafts, DraftsOf(tx, id));
  v.report_version = ReportVersion(v.drafts);
  ASSIGN_OR_RETURN(v.red_lines_agreement,
                   ReadAgreement(tx, v, kRedLinesConfirmation, v.report_version, whole));
  if (whole) {
    ASSIGN_OR_RETURN(v.comments, CommentsOf(tx, id));
    v.drafting_open = CheckDraftingOpen(v.inspection, v.meeting, v.attendance,
                                        v.assurance_agreement, ShortNames(v.inspectorates));
  }
  f.sections_drafted = EverySectionDrafted(v.sections, v.drafts);
  f.red_lines_confirmed = v.red_lines_agreement;
  return OkStatus();
}

StatusOr<InspectionService::Drafting> InspectionService::LoadDrafting(Transaction& tx,
                                                                      const Caller& caller,
                                                                      int64_t section_id) {
  Drafting d;
  auto section = GetRecord(tx, ReportSectionRecord(), section_id);
  RETURN_IF_ERROR(Hidden(section.status(), "report section", section_id));
  d.section = *section;
  auto c = Load(tx, caller, d.section.inspection_id);
  RETURN_IF_ERROR(Hidden(c.status(), "report section", section_id));
  d.c = std::move(*c);
  RETURN_IF_ERROR(ReadParts(tx, d.c, d.v, false));
  return d;
}

StatusOr<SectionDraft> InspectionService::KeepDraft(Transaction& tx, const Caller& caller,
                                                    const Drafting& d, int64_t based_on,
                                                    const std::string& text) {
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  RETURN_IF_ERROR(CheckDraftingOpen(d.c.inspection, d.v.meeting, d.v.attendance,
                                    d.v.assurance_agreement, ShortNames(inspectorates)));
  RETURN_IF_ERROR(ValidateDraftText(text));
  SectionDraft draft;
  ASSIGN_OR_RETURN(draft.number, NextNumber(d.v.drafts, d.section.id, based_on));
  draft.inspection_id = d.section.inspection_id;
  draft.section_id = d.section.id;
  draft.text = text;
  draft.written_by = caller.user_id;
  draft.written_at = NowText(clock_);
  ASSIGN_OR_RETURN(draft.id, InsertDraft(tx, draft));
  RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "draft", ReportSectionRecord().name,
                               d.section.id, nullptr, DraftJson(draft)));
  return draft;
}

StatusOr<SectionDraft> InspectionService::SaveDraft(const Caller& caller, int64_t section_id,
                                                    int64_t based_on, const std::string& text) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  SectionDraft saved;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Drafting d, LoadDrafting(tx, caller, section_id));
    RETURN_IF_ERROR(CheckNotSettled(InspectionStage::kReport, d.v.publication));
    RETURN_IF_ERROR(CheckSectionAuthor(d.c.standing, d.section));
    // Saved unchanged: no new version.
    const auto latest = LatestOf(d.v.drafts, section_id);
    if (latest && latest->number == based_on && latest->text == text) {
      saved = *latest;
      return OkStatus();
    }
    ASSIGN_OR_RETURN(saved, KeepDraft(tx, caller, d, based_on, text));
    return OkStatus();
  }));
  return saved;
}

StatusOr<SectionHistory> InspectionService::HistoryOf(const Caller& caller, int64_t section_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  SectionHistory h;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Drafting d, LoadDrafting(tx, caller, section_id));
    h.section = d.section;
    h.versions = VersionsOf(d.v.drafts, section_id);
    ASSIGN_OR_RETURN(auto comments, CommentsOf(tx, d.section.inspection_id));
    for (auto& c : comments) {
      if (c.section_id == section_id) h.comments.push_back(std::move(c));
    }
    return OkStatus();
  }));
  return h;
}

StatusOr<SectionComment> InspectionService::AddComment(const Caller& caller, int64_t section_id,
                                                       SectionComment comment) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Drafting d, LoadDrafting(tx, caller, section_id));
    RETURN_IF_ERROR(CheckNotSettled(InspectionStage::kReport, d.v.publication));
    if (!MayComment(d.c.inspection, d.c.standing)) {
      return PermissionDenied(
          "Those taking part for a participating inspectorate comment on the report",
          "not-participating");
    }
    const auto latest = LatestOf(d.v.drafts, section_id);
    if (!latest) {
      return FailedPrecondition("This section has no draft to comment on yet", "not-drafted");
    }
    RETURN_IF_ERROR(ValidateComment(comment, latest));
    comment.inspection_id = d.section.inspection_id;
    comment.section_id = section_id;
    comment.inspectorate_id = *d.c.standing.inspectorate;
    comment.on_number = latest->number;
    comment.state = CommentState::kOpen;
    comment.made_by = caller.user_id;
    comment.made_at = NowText(clock_);
    ASSIGN_OR_RETURN(comment.id, InsertComment(tx, comment));
    return RecordChange(tx, clock_, caller, "comment", ReportSectionRecord().name, section_id,
                        nullptr, CommentJson(comment));
  }));
  return comment;
}

StatusOr<SectionComment> InspectionService::AnswerComment(const Caller& caller, int64_t comment_id,
                                                          CommentState to,
                                                          const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  SectionComment comment;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(comment, GetComment(tx, comment_id));
    auto loaded = LoadDrafting(tx, caller, comment.section_id);
    RETURN_IF_ERROR(Hidden(loaded.status(), "comment", comment_id));
    const Drafting& d = *loaded;
    RETURN_IF_ERROR(CheckNotSettled(InspectionStage::kReport, d.v.publication));
    RETURN_IF_ERROR(CheckSectionAuthor(d.c.standing, d.section));
    RETURN_IF_ERROR(CheckClosing(comment, to, reason));
    if (to == CommentState::kAccepted) {
      const auto latest = LatestOf(d.v.drafts, comment.section_id);
      ASSIGN_OR_RETURN(std::string text, ApplySuggestion(latest ? latest->text : "", comment));
      RETURN_IF_ERROR(KeepDraft(tx, caller, d, latest ? latest->number : 0, text).status());
    }
    const json before = CommentJson(comment);
    comment.state = to;
    comment.reason = to == CommentState::kDeclined ? reason : "";
    comment.closed_by = caller.user_id;
    comment.closed_at = NowText(clock_);
    RETURN_IF_ERROR(CloseComment(tx, comment));
    return RecordChange(tx, clock_, caller, std::string(CommentStateId(to)),
                        ReportSectionRecord().name, comment.section_id, before,
                        CommentJson(comment));
  }));
  return comment;
}

StatusOr<DecisionView> InspectionService::AskRedLines(const Caller& caller, int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, false));
    RETURN_IF_ERROR(CheckNotSettled(InspectionStage::kReport, v.publication));
    if (!EverySectionDrafted(v.sections, v.drafts)) {
      return FailedPrecondition(
          "Every section of the report must be drafted before the inspectorates confirm their "
          "red lines are respected",
          "R18");
    }
    request.kind = kRedLinesConfirmation;
    request.subject_id = inspection_id;
    request.subject_version = v.report_version;
    request.subject =
        "Confirm that your red lines are respected in the draft report of the "
        "joint inspection of " +
        c.inspection.title + AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

}  // namespace jointly
