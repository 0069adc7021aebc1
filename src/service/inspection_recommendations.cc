// Use cases of stage 6 (M 33-40; R18, R19): the findings of the report,
// each resting on items of the evidence register; the recommendations (or,
// when HMI Prisons leads, concerns) that answer them, SMART; and each
// engagement with an owner on the proposed wording (M 36).
#include <algorithm>

#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/directory_store.h"
#include "store/publication_store.h"

namespace jointly {

namespace {

// The day the inspection's report is to be published, "" before it is set:
// a recommendation's date must come after it.
StatusOr<std::string> PublishedOn(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto p, GetPublication(tx, inspection_id));
  return p ? p->publish_at.substr(0, 10) : std::string();
}

}  // namespace

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

template <typename T>
std::vector<int64_t> IdsOf(const std::vector<T>& all) {
  std::vector<int64_t> out;
  for (const auto& x : all) out.push_back(x.id);
  return out;
}

// What the lead inspectorate of the inspection raises (R19).
StatusOr<FindingsStyle> LeadStyle(Transaction& tx, const Inspection& inspection) {
  ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
  const Inspectorate* lead = Find(all, inspection.lead_inspectorate_id);
  return lead ? lead->findings : FindingsStyle::kRecommendations;
}

// The owner is a body of the directory: a 400 naming "owner_id" if not.
Status CheckOwner(Transaction& tx, const Recommendation& r) {
  if (!r.owner_id) return OkStatus();
  auto body = GetBody(tx, *r.owner_id);
  if (body.ok()) return OkStatus();
  return UnknownReference(body.status(), "owner_id", "unknown-body",
                          "Choose a body from the directory");
}

}  // namespace

Status InspectionService::ReadRecommendations(Transaction& tx, InspectionView& v,
                                              InspectionFacts& f, bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(v.findings, PartsOf(tx, FindingRecord(), id));
  ASSIGN_OR_RETURN(v.finding_evidence, PartsOf(tx, FindingEvidenceRecord(), id));
  ASSIGN_OR_RETURN(v.recommendations, PartsOf(tx, RecommendationRecord(), id));
  ASSIGN_OR_RETURN(v.recommendation_findings, PartsOf(tx, RecommendationFindingRecord(), id));
  ASSIGN_OR_RETURN(v.engagements, PartsOf(tx, EngagementRecord(), id));
  ASSIGN_OR_RETURN(FindingsStyle style, LeadStyle(tx, v.inspection));
  v.raises = KindFor(style);
  if (whole) {
    ASSIGN_OR_RETURN(auto bodies, AllBodies(tx));
    for (bool national : {true, false}) {
      for (const auto& b : bodies) {
        if (b.active && (b.type == BodyType::kNationalAgency) == national) {
          v.owners.emplace_back(b.id, b.name);
        }
      }
    }
  }
  f.concerns = v.raises == RecommendationKind::kConcern;
  f.findings = static_cast<int>(v.findings.size());
  for (const auto& x : v.findings) {
    f.findings_on_evidence += std::any_of(v.finding_evidence.begin(), v.finding_evidence.end(),
                                          [&](const auto& l) { return l.finding_id == x.id; });
  }
  f.recommendations = static_cast<int>(v.recommendations.size());
  for (const auto& r : v.recommendations) {
    f.recommendations_answering +=
        std::any_of(v.recommendation_findings.begin(), v.recommendation_findings.end(),
                    [&](const auto& l) { return l.recommendation_id == r.id; });
  }
  return OkStatus();
}

StatusOr<Finding> InspectionService::AddFinding(const Caller& caller, int64_t inspection_id,
                                                Finding finding,
                                                const std::vector<int64_t>& evidence_ids) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  finding.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    // R22: a destroyed item is refused whatever stage the inspection is at.
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, inspection_id, evidence_ids, "evidence_ids"));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kReport));
    ASSIGN_OR_RETURN(auto items, PartsOf(tx, EvidenceRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto sections, PartsOf(tx, ReportSectionRecord(), inspection_id));
    RETURN_IF_ERROR(
        MergeFieldErrors(MergeFieldErrors(findings_.Validate(nullptr, finding),
                                          CheckFindingSection(finding, IdsOf(sections))),
                         CheckFindingEvidence(evidence_ids, IdsOf(items))));
    RETURN_IF_ERROR(findings_.CreateIn(tx, caller, finding));
    for (int64_t evidence_id : evidence_ids) {
      FindingEvidence link{0, inspection_id, finding.id, evidence_id};
      RETURN_IF_ERROR(finding_evidence_.CreateIn(tx, caller, link));
    }
    return OkStatus();
  }));
  return finding;
}

StatusOr<Finding> InspectionService::UpdateFinding(const Caller& caller, int64_t id,
                                                   int64_t version,
                                                   const std::function<Status(Finding&)>& change,
                                                   const std::vector<int64_t>* evidence_ids) {
  auto check = [this](Transaction& tx, const Context& c, const Finding&) {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    return CheckStage(tx, c, InspectionStage::kReport);
  };
  auto apply = [&](Transaction& tx, const Context&, const Finding& before, Finding& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    ASSIGN_OR_RETURN(auto sections, PartsOf(tx, ReportSectionRecord(), before.inspection_id));
    Status checked =
        MergeFieldErrors(findings_.Validate(&before, x), CheckFindingSection(x, IdsOf(sections)));
    if (!evidence_ids) return checked;
    ASSIGN_OR_RETURN(auto links, PartsOf(tx, FindingEvidenceRecord(), before.inspection_id));
    std::vector<int64_t> added;
    for (int64_t e : *evidence_ids) {
      const bool had = std::any_of(links.begin(), links.end(), [&](const FindingEvidence& l) {
        return l.finding_id == id && l.evidence_id == e;
      });
      if (!had) added.push_back(e);
    }
    // R22: no new link to a destroyed item; one it rests on already stays.
    RETURN_IF_ERROR(RefuseIfDestroyed(tx, before.inspection_id, added, "evidence_ids"));
    ASSIGN_OR_RETURN(auto items, PartsOf(tx, EvidenceRecord(), before.inspection_id));
    RETURN_IF_ERROR(
        MergeFieldErrors(std::move(checked), CheckFindingEvidence(*evidence_ids, IdsOf(items))));
    for (const auto& l : links) {
      if (l.finding_id != id || std::find(evidence_ids->begin(), evidence_ids->end(),
                                          l.evidence_id) != evidence_ids->end()) {
        continue;
      }
      RETURN_IF_ERROR(finding_evidence_.DeleteIn(tx, caller, l.id, 0));
    }
    for (int64_t e : added) {
      FindingEvidence link{0, before.inspection_id, id, e};
      RETURN_IF_ERROR(finding_evidence_.CreateIn(tx, caller, link));
    }
    return OkStatus();
  };
  return UpdatePart<Finding>(caller, findings_, "finding", check, id, version, apply);
}

StatusOr<Recommendation> InspectionService::AddRecommendation(
    const Caller& caller, int64_t inspection_id, Recommendation r,
    const std::vector<int64_t>& finding_ids) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  r.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kReport));
    ASSIGN_OR_RETURN(FindingsStyle style, LeadStyle(tx, c.inspection));
    ASSIGN_OR_RETURN(auto findings, PartsOf(tx, FindingRecord(), inspection_id));
    ASSIGN_OR_RETURN(std::string published_on, PublishedOn(tx, inspection_id));
    RETURN_IF_ERROR(MergeFieldErrors(
        MergeFieldErrors(recommendations_.Validate(nullptr, r), CheckOwner(tx, r)),
        CheckRecommendation(r, style, finding_ids, IdsOf(findings), Today(clock_), published_on)));
    RETURN_IF_ERROR(recommendations_.CreateIn(tx, caller, r));
    for (int64_t finding_id : finding_ids) {
      RecommendationFinding link{0, inspection_id, r.id, finding_id};
      RETURN_IF_ERROR(recommendation_findings_.CreateIn(tx, caller, link));
    }
    return OkStatus();
  }));
  return r;
}

StatusOr<Recommendation> InspectionService::UpdateRecommendation(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Recommendation&)>& change, const std::vector<int64_t>* finding_ids) {
  auto check = [this](Transaction& tx, const Context& c, const Recommendation&) {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    return CheckStage(tx, c, InspectionStage::kReport);
  };
  auto apply = [&](Transaction& tx, const Context& c, const Recommendation& before,
                   Recommendation& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    ASSIGN_OR_RETURN(FindingsStyle style, LeadStyle(tx, c.inspection));
    ASSIGN_OR_RETURN(auto links, PartsOf(tx, RecommendationFindingRecord(), before.inspection_id));
    std::vector<int64_t> answers;
    for (const auto& l : links) {
      if (l.recommendation_id == id) answers.push_back(l.finding_id);
    }
    std::vector<int64_t> known = answers;
    if (finding_ids) {
      ASSIGN_OR_RETURN(auto findings, PartsOf(tx, FindingRecord(), before.inspection_id));
      known = IdsOf(findings);
      answers = *finding_ids;
    }
    // A date already passed stays as it was: only a new date must be ahead.
    const bool moved = x.due_on != before.due_on;
    const std::string today = moved ? Today(clock_) : "";
    std::string published_on;
    if (moved) {
      ASSIGN_OR_RETURN(published_on, PublishedOn(tx, before.inspection_id));
    }
    RETURN_IF_ERROR(
        MergeFieldErrors(MergeFieldErrors(recommendations_.Validate(&before, x), CheckOwner(tx, x)),
                         CheckRecommendation(x, style, answers, known, today, published_on)));
    if (!finding_ids) return OkStatus();
    // The findings it answers are replaced by those named.
    for (const auto& l : links) {
      if (l.recommendation_id != id ||
          std::find(answers.begin(), answers.end(), l.finding_id) != answers.end()) {
        continue;
      }
      RETURN_IF_ERROR(recommendation_findings_.DeleteIn(tx, caller, l.id, 0));
    }
    for (int64_t f : answers) {
      const bool had = std::any_of(links.begin(), links.end(), [&](const RecommendationFinding& l) {
        return l.recommendation_id == id && l.finding_id == f;
      });
      if (had) continue;
      RecommendationFinding link{0, before.inspection_id, id, f};
      RETURN_IF_ERROR(recommendation_findings_.CreateIn(tx, caller, link));
    }
    return OkStatus();
  };
  return UpdatePart<Recommendation>(caller, recommendations_, "recommendation", check, id, version,
                                    apply);
}

StatusOr<Engagement> InspectionService::AddEngagement(const Caller& caller,
                                                      int64_t recommendation_id, Engagement e) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  e.recommendation_id = recommendation_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto r = GetRecord(tx, RecommendationRecord(), recommendation_id);
    if (!r.ok()) return Hidden(r.status(), "recommendation", recommendation_id);
    auto c = Load(tx, caller, r->inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "recommendation", recommendation_id));
    RETURN_IF_ERROR(CheckLeadTeam(c->standing));
    RETURN_IF_ERROR(CheckStage(tx, *c, InspectionStage::kReport));
    e.inspection_id = r->inspection_id;
    RETURN_IF_ERROR(
        MergeFieldErrors(engagements_.Validate(nullptr, e), CheckEngagement(e, Today(clock_))));
    return engagements_.CreateIn(tx, caller, e);
  }));
  return e;
}

}  // namespace jointly
