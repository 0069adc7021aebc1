// The parts of an inspection's fieldwork that are not described records:
// each inspectorate's quality assurance of an evidence item (R15) and the
// files attached to evidence, their content kept in the database so every
// instance sees them. Every function runs inside the caller's Transaction;
// auditing is the caller's job.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/fieldwork.h"
#include "store/database.h"

namespace jointly {

// Records a review; returns its id.
StatusOr<int64_t> InsertReview(Transaction& tx, const EvidenceReview& review);
// Records the answer to query `review.id`: its answer, who gave it, when
// and under which delegation (answered_as).
Status AnswerReview(Transaction& tx, const EvidenceReview& review);
// NotFound if there is no such review.
StatusOr<EvidenceReview> GetReview(Transaction& tx, int64_t review_id);
// The reviews of every evidence item of an inspection, oldest first.
StatusOr<std::vector<EvidenceReview>> ReviewsOfInspection(Transaction& tx, int64_t inspection_id);

// Moves an evidence item to a new version (a file was attached), so every
// review of the old one no longer counts. Returns the new version.
StatusOr<int64_t> BumpEvidenceVersion(Transaction& tx, int64_t evidence_id, const std::string& now);

// Stores an attachment with its content; returns its id.
StatusOr<int64_t> InsertAttachment(Transaction& tx, const Attachment& attachment,
                                   std::string_view content);
// The attachments of every evidence item of an inspection, without their
// content, oldest first.
StatusOr<std::vector<Attachment>> AttachmentsOfInspection(Transaction& tx, int64_t inspection_id);
// One attachment and its content; NotFound if there is no such attachment.
StatusOr<std::pair<Attachment, std::string>> GetAttachment(Transaction& tx, int64_t id);

}  // namespace jointly
