// The Hacker News connector over the Algolia HN Search API (https://hn.algolia.com). Read-only:
// HN has no reply API, so PostReply refuses with kFailedPrecondition and sends nothing.
//
// Feeds (QUERY is sent as Algolia's full-text "query"):
//   "search:QUERY"    stories and comments   tags=(story,comment)
//   "stories:QUERY"   stories only           tags=story
//   "comments:QUERY"  comments only          tags=comment
// Request: GET {base}/api/v1/search_by_date?query=Q&tags=T&numericFilters=F&hitsPerPage=N&page=P
// with no credentials (the API is public; a configured token is ignored and never sent).
//
// Incremental walk and checkpoint. search_by_date returns hits newest first, so heed reads each
// batch of new hits as a "walk" from the newest hit down to a floor, paged by keyset, not by
// page number:
//  - Idle state: floor F and the set S of objectIDs (with their times) already stored whose
//    created_at_i >= F. A poll asks for created_at_i>=F (no upper bound), page 0. Hits in S are
//    skipped. If nothing is new the checkpoint does not change.
//  - The first page of a walk fixes its top T (the newest created_at_i on it). Every later page
//    asks for created_at_i>=F,created_at_i<=C, page 0, where C (the ceiling) is the oldest
//    created_at_i of the previous page, and skips the ids already taken at second C; it asks for
//    page_limit + |ids taken at C| hits, so each page brings page_limit new ones. Hits newer
//    than T that arrive during the walk never enter it (they are above every ceiling) and are
//    read by the next walk. When a whole page shares one second the ceiling stays and the next
//    page is simply larger (up to Algolia's 1000 hits: a single second holding more matching
//    hits than that would stop the walk with an item_error).
//  - The walk ends on a short page (or the last of nbPages). The new floor is T - kOverlap and
//    the new S is every id seen at or after it: the next walk re-reads that window and skips
//    those ids. The overlap covers Algolia's indexing delay: a hit not yet indexed when a walk
//    starts was created after (walk start - delay) >= T - delay, so the next walk's window still
//    contains it, provided the delay is under kOverlap (5 minutes).
//  - The whole state (F, S, T, the ids seen near T, C, the ids at C, pages read) is the checkpoint
//  string ("hn1;..."), so a restart mid-walk resumes on the same
//    ceiling: no hit is skipped (every hit <= C not yet read is still <= C) and none is
//    re-reported (ids at C are remembered; ids above C were never re-requested).
//  No page numbers are used, so hits deleted or inserted below the ceiling during a walk cannot
//  shift a page past unread hits. Residual risk, documented: a hit indexed more than kOverlap
//  after its creation is missed. On a first run (empty checkpoint) the walk stops after
//  backfill_pages pages, so history older than that is deliberately not read. A full page that
//  brings nothing new and cannot move the walk (the server ignored the page) ends the run:
//  has_more=false, the checkpoint unchanged, one item_error.
//
// Answers to another request. Invariant: an answer that is not the page asked for never moves
// the checkpoint. A cache or platform hiccup can serve a page again in place of the one
// requested, typically the previous page of the walk (above the ceiling) or one of an earlier
// walk (below the floor). Its hits outside the requested window cannot be placed, and taking the
// rest would end the walk early (a short page) and move the floor over every hit below the
// ceiling not yet read. So an answer is refused when it echoes another page or hitsPerPage than
// requested, or when any hit lies outside the requested created_at_i window; the same request is
// sent again, and kMaxStaleAnswers (3) such answers in a row fail the fetch with kUnavailable:
// the run stops with the checkpoint where it was and the next run asks again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "hackernews_parse.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

// The walk state; see the header comment. Exposed for tests.
struct HackerNewsCheckpoint {
  int64_t floor = -1;                   // -1: first run, no lower bound
  std::map<std::string, int64_t> seen;  // objectID -> created_at_i, all >= floor
  bool walking = false;
  int64_t top = 0;                        // walking only
  std::map<std::string, int64_t> recent;  // walking: ids seen at >= top - kOverlap
  int64_t ceiling = 0;                    // walking only
  std::set<std::string> at_ceiling;       // walking: ids already taken at second `ceiling`
  int pages_read = 0;                     // walking: pages read in this walk

  // "" for the default (first-run) state.
  std::string Encode() const;
  // kInvalidArgument for anything Encode could not have produced.
  static Result<HackerNewsCheckpoint> Decode(const std::string& text);
};

class HackerNewsConnector final : public Connector {
 public:
  static constexpr int64_t kOverlapSeconds = 300;
  static constexpr size_t kMaxSeenIds = 1000;

  // Validates config.feed (kInvalidArgument for an unknown kind or an empty query) and
  // config.base_url (normalised). transport and clock must outlive the connector.
  static Result<std::unique_ptr<HackerNewsConnector>> Create(const ConnectorConfig& config,
                                                             HttpTransport& transport,
                                                             Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // Always kFailedPrecondition: "hackernews is read-only: answer at <item url>, then record it
  // in heed". No request is sent.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  HackerNewsConnector(ConnectorConfig config, std::string tags, std::string query,
                      HttpTransport& transport, Clock& clock);

  std::string PageUrl(const HackerNewsCheckpoint& state) const;
  // page_limit plus the ids already taken at the ceiling (they come back first), at most 1000.
  int HitsPerPage(const HackerNewsCheckpoint& state) const;
  std::string Context(const HttpRequest& request) const;

  const std::string platform_ = "hackernews";
  ConnectorConfig config_;
  std::string tags_;   // Algolia tags filter
  std::string query_;  // Algolia query
  int limit_;          // hitsPerPage
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
