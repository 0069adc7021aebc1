// What every GOV.UK page handler shares: the layout's data, rendering,
// error summaries, form fields and record history.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit.h"
#include "domain/directory.h"
#include "web/http.h"

namespace jointly::web {

// The layout's data: title, the active navigation item, the signed-in user
// and what they may do.
nlohmann::json Base(const RequestContext& ctx, const std::string& title, const std::string& nav);

void Html(Response& res, const std::string& page, const nlohmann::json& data, int status = 200);

// A step that asks before an act that cannot be undone (closing a
// consultation early, publishing): the page at `ctx`'s path says what will
// happen, and its button posts to the same path; Cancel leads back.
struct Confirmation {
  std::string title;                // "Close the consultation now?"
  std::string caption;              // what it concerns: the record's title
  std::vector<std::string> points;  // what will happen, a sentence each
  std::string button;               // "Close the consultation now"
  bool warning = false;             // a red button, for stopping something
};
void ConfirmPage(const Request& req, Response& res, const RequestContext& ctx,
                 const Confirmation& confirmation);

// What was just done, for the GOV.UK notification banner on the page a form
// redirects to: `location` with "done=`notice`" added to its query (before
// any "#fragment"). `notice` is a key of the fixed table NoticeText() reads,
// so the address can never make a page say something of its own.
std::string WithNotice(const std::string& location, std::string_view notice);
// The page above `path`, for the GOV.UK back link and a form's Cancel: a
// record's page for its forms ("/plans/3/edit": "/plans/3"), the list for a
// record ("/plans/3": "/plans"), the consultations for the contacts, and ""
// for a page at the top level ("/plans").
std::string ParentPage(std::string_view path);

// The words of a notice key ("proposal-added": "The proposal has been
// added"); "" for a key that is not in the table.
std::string_view NoticeText(std::string_view notice);

// GOV.UK error summary and inline messages. Field names map to the id of
// the input they concern (usually the same). A stale save (a conflict
// that carries the record as it is now) says in words what changed since
// the form was opened, and sets "newest_version", which every edit form's
// hidden version carries (the version partial), so that saving what was
// typed again succeeds.
void AddErrors(nlohmann::json& data, const Status& s);

// A form or query field, or "".
std::string Param(const Request& req, const char* name);
// The same without surrounding spaces.
std::string Field(const Request& req, const char* name);

// A GOV.UK checkbox with value "yes": true if "yes" was sent, false if
// nothing was. Every form of ours sends an empty hidden value under each
// checkbox's name (and each group's), so that "not ticked" is told from
// "not on the form"; an empty value is not a tick. Any other value (what
// no form of ours sends) is refused, naming the field in `errors` (rule
// "yes-no"), and read as false.
bool Checked(const Request& req, const char* name, Validation& errors);

// An edit form changes only what it sent: each of these sets the field
// from the form if the form sent it (a field sent empty is emptied) and
// leaves it as it is if not. Text is trimmed (Field()); a checkbox is
// read with Checked().
void TextSent(const Request& req, const char* name, std::string& field);
void CheckedSent(const Request& req, const char* name, bool& field, Validation& errors);

// The version of the record an edit form changes (the version partial's
// hidden input). A form sent without it is refused as the API refuses a
// change without one (rule "version-required"): nothing is changed
// without knowing which version the change was made to.
StatusOr<int64_t> SentVersion(const Request& req, std::string_view what);

// A whole number as typed in a form ("-5", "007" is 7): more digits than a
// number holds read as the largest (or smallest) number, so the use case
// names the range with what was typed. nullopt if it is not a whole
// number at all ("lots", "1.5", "").
std::optional<int64_t> WholeNumber(std::string_view text);
// `n` as an int: the nearest one if it is beyond.
int NearestInt(int64_t n);

// What every form that asks for a financial year says of it; what is
// typed is read by FinancialYear::Parse ("2027-28", "2027/28" or "2027").
inline constexpr char kFinancialYearHint[] = "For example, 2027-28";

// The example of a date that every date input's hint and every message
// about a date typed on a page give, one for all.
inline constexpr char kDateExample[] = "27 3 2027";
inline const std::string kDateHint = std::string("For example, ") + kDateExample;
inline constexpr char kFinancialYearWidth[] = "5";

// `s` with each field error as `for_form` puts it for a form: the use
// case's field ("participants[1].effort_days") as the id of the form input
// it concerns ("effort_12"), so the summary links and inline messages land
// on the right input, and its message in the form's words. Everything else
// of `s` is kept, a conflict's record (its detail) included.
Status RenameErrors(const Status& s, const std::function<FieldError(const FieldError&)>& for_form);
// RenameErrors() for a form whose messages need no change: each field
// renamed by `to_input` ("scores.12" to "score_12").
Status RenameFields(const Status& s,
                    const std::function<std::string(const std::string&)>& to_input);

// Select options, `selected` marked.
nlohmann::json Options(const std::vector<std::pair<std::string, std::string>>& values,
                       const std::string& selected);

// One GOV.UK field for the `input`, `textarea` and `select` partials: its
// id (also its name), label, hint, value and any inline error from
// `data`'s field errors. Every key is set, so nothing is read from an
// enclosing section by accident.
nlohmann::json FormField(const nlohmann::json& data, const std::string& id,
                         const std::string& label, const std::string& value,
                         const std::string& hint = "", const std::string& width = "");

// GOV.UK date inputs: every date on a page is typed as day, month and year,
// in three boxes named "<id>-day", "<id>-month" and "<id>-year" (the day's
// box has the id `id`, so an error links to it).
//
// The date a date input sent, as the use case reads dates: "YYYY-MM-DD"
// when day, month and year are whole numbers (the use case then says
// whether that is a real date), "" when all three are blank, and what was
// typed otherwise (which is no date). A form that sends the date as one
// field `id` ("2027-03-27") is read as it is.
std::string DateParam(const Request& req, const std::string& id);
// The same, trimmed, with what was typed in each box put in `typed` under
// "<id>-day", "<id>-month" and "<id>-year", for showing it again.
std::string DateParam(const Request& req, const std::string& id,
                      std::map<std::string, std::string>& typed);

// One GOV.UK date input for the `input` partial: its legend, hint and any
// inline error as FormField() gives them. The boxes show what was typed
// when `typed` has it (a refused form), else the parts of `iso`.
nlohmann::json DateField(const nlohmann::json& data, const std::string& id,
                         const std::string& legend, const std::string& iso,
                         const std::map<std::string, std::string>& typed = {},
                         const std::string& hint = kDateHint);
// DateField() showing again what `req` sent, if `posted`.
nlohmann::json DateField(const nlohmann::json& data, const Request& req, bool posted,
                         const std::string& id, const std::string& legend,
                         const std::string& hint = kDateHint);

// Short names of every inspectorate, for labels.
struct Names {
  std::map<int64_t, std::string> name;
  std::vector<Inspectorate> all;
  std::string Of(int64_t id) const;
};
Names NamesOf(std::vector<Inspectorate> inspectorates);

// Titles of the proposals on the long-list, for labels and selects.
struct ProposalTitles {
  std::map<int64_t, std::string> title;
  std::string Of(int64_t id) const;  // "Proposal 12" if unknown
  // Select options in id order, led by `none` ("Choose", "None").
  std::vector<std::pair<std::string, std::string>> SelectOptions(const std::string& none) const;
};

// GOV.UK pagination for a list at `path` (the `pagination` partial; a
// fragment, as in "/governance#meetings", ends each link): page numbers
// around the current one, previous and next, each link keeping the
// request's other parameters (its filters). Null when everything fits on
// one page. `next_start`, if given ("after=12"), is added to the next link
// so that the next page starts right after this one's last item (keyset
// paging), found on an index at any depth.
nlohmann::json Pagination(const Request& req, const std::string& path, int64_t total, int64_t limit,
                          int64_t offset, const std::string& next_start = "");

// Where to send a reader whose page of a list with rows is not a page of
// it: an address past the end (the last page instead), an offset between
// two pages' starts (the page it falls in), or a keyset page that came out
// empty (rows gone since its link was made: the page at its offset); the
// filters are kept. Nothing if the page is as it should be.
std::optional<std::string> PageToShowInstead(const Request& req, const std::string& path,
                                             int64_t total, int64_t limit, int64_t offset,
                                             size_t shown);

// One page of a list a page reads whole (one small by nature, or one
// filtered in memory after an access check): the rows at the request's
// offset, at most its limit (`per_page` unless the reader chose one), set
// in `d` under `key` with "total", "from", "to" (for "Showing 21 to 40 of
// 95") and "pagination". Without an offset in the request, the page
// holding row `focus`, if given (the row a form just changed). InvalidArgument
// naming limit or offset if either is bad.
Status ShowPageOf(const Request& req, const std::string& path, nlohmann::json rows,
                  int64_t per_page, nlohmann::json& d, const std::string& key,
                  std::optional<size_t> focus = std::nullopt);

// A stored timestamp ("2026-11-30T15:59:19Z") in words: "30 November 2026
// at 15:59"; the text itself if it is not one.
std::string TimestampInWords(const std::string& timestamp);

// A stored date ("2026-11-30") in words: "30 November 2026"; the text
// itself if it is not one.
std::string DateInWords(const std::string& iso_date);

// A field's name in words: "first_year" is "First year".
std::string FieldInWords(const std::string& field);

// Audit entries as rows of "what changed", oldest first, in words: when,
// who, what was done, and each changed field's name and value.
// `inspectorates` and `people` name the ids the entries hold, where known.
// Each field is named by the record's description (a proposal's and a
// plan's labels, a described record's fields); numbers are written as
// people write them, choices by their labels, a criterion's score by the
// criterion's name.
struct HistoryNames {
  std::map<int64_t, std::string> inspectorates;
  std::map<int64_t, std::string> people;
  std::map<int64_t, std::string> proposals;      // titles
  std::map<int64_t, std::string> criteria;       // a criterion's name by its id
  std::map<int64_t, std::string> criteria_sets;  // names
  std::map<int64_t, std::string> contacts;       // "Name, Organisation"
  // Other records' names by their kind (an audit entity type) and id.
  std::map<std::string, std::map<int64_t, std::string>> records;
};
nlohmann::json HistoryRows(const std::vector<AuditEntry>& entries, const HistoryNames& names = {});

// The same as AddErrors(data, s), naming the inspectorates and people a
// stale save's changes hold.
void AddErrors(nlohmann::json& data, const Status& s, const HistoryNames& names);

// What a conflict's detail (changes_since_your_version) says changed, in
// words: "Ann Lee changed it on 1 December 2026 at 10:15: Title: Old →
// New; Duration quarters: 2 → 3." One sentence per change, oldest first.
std::vector<std::string> ChangesInWords(const nlohmann::json& detail,
                                        const HistoryNames& names = {});

// A kind of record in words, as its description names it: "fieldwork_site"
// is "Fieldwork site".
std::string KindInWords(const std::string& entity_type);

// The record an audit entry is about, in words: "Proposal: Youth justice"
// where `names` knows it, else its kind and number ("Fieldwork visit 4").
std::string EntityInWords(const std::string& entity_type, int64_t entity_id,
                          const HistoryNames& names);
// The record an audit entry is about, as above; one `names` does not know
// (removed since) is named by what the entry recorded of it: its title,
// name or subject, or the inspectorate it is for.
std::string EntityInWords(const AuditEntry& entry, const HistoryNames& names);

}  // namespace jointly::web
