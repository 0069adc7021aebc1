// Storage of stage 6's drafting (domain/drafting.h): the saved versions of
// each section of the report, kept for good, and the comments and
// suggested edits on them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "domain/drafting.h"
#include "store/database.h"

namespace jointly {

// Keeps a new version of a section; returns its id. Aborted if that
// section already has a version of that number (two saves at once).
StatusOr<int64_t> InsertDraft(Transaction& tx, const SectionDraft& draft);
// Every version of every section of the inspection, oldest first.
StatusOr<std::vector<SectionDraft>> DraftsOf(Transaction& tx, int64_t inspection_id);
// Whether a section has been drafted (it then stays in the report).
StatusOr<bool> SectionDrafted(Transaction& tx, int64_t section_id);

StatusOr<int64_t> InsertComment(Transaction& tx, const SectionComment& comment);
// Records how a comment was closed: its state, reason, who and when.
Status CloseComment(Transaction& tx, const SectionComment& comment);
// NotFound if there is no such comment.
StatusOr<SectionComment> GetComment(Transaction& tx, int64_t comment_id);
// The comments on the inspection's sections, oldest first.
StatusOr<std::vector<SectionComment>> CommentsOf(Transaction& tx, int64_t inspection_id);

}  // namespace jointly
