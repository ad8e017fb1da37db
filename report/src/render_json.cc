// JSON output (keys documented in docs/REPORTS.md; stable: scripts read them).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "format.h"
#include "heed/core/text.h"
#include "heed/report/render.h"

namespace heed::report {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  const std::string clean = SanitizeUtf8(value);  // RapidJSON writes bytes as given
  w.String(clean.c_str(), static_cast<rapidjson::SizeType>(clean.size()));
}

void Int(Writer& w, const char* key, int64_t value) {
  w.Key(key);
  w.Int64(value);
}

void Num(Writer& w, const char* key, double value) {
  w.Key(key);
  w.Double(value);
}

void OptMillis(Writer& w, const char* key, const std::optional<Millis>& d) {
  w.Key(key);
  if (d) {
    w.Int64(d->count());
  } else {
    w.Null();
  }
}

void Mix(Writer& w, const SentimentMix& m) {
  Int(w, "negative", m.negative);
  Int(w, "neutral", m.neutral);
  Int(w, "positive", m.positive);
  Int(w, "unscored", m.unscored);
  Num(w, "pct_negative", m.pct_negative);
  Num(w, "pct_neutral", m.pct_neutral);
  Num(w, "pct_positive", m.pct_positive);
  Num(w, "net", m.net);
}

void Durations(Writer& w, const char* key, const DurationStats& d) {
  w.Key(key);
  w.StartObject();
  Int(w, "count", d.count);
  OptMillis(w, "median_ms", d.median);
  OptMillis(w, "p90_ms", d.p90);
  w.EndObject();
}

void Rate(Writer& w, const SlaRate& r) {
  w.StartObject();
  Str(w, "key", r.key);
  Int(w, "within", r.within);
  Int(w, "total", r.total);
  Num(w, "pct", r.pct);
  w.EndObject();
}

void Rates(Writer& w, const char* key, const std::vector<SlaRate>& rates) {
  w.Key(key);
  w.StartArray();
  for (const SlaRate& r : rates) Rate(w, r);
  w.EndArray();
}

void Ratings(Writer& w, const char* key, const std::vector<RatingAverage>& ratings, bool weeks) {
  w.Key(key);
  w.StartArray();
  for (const RatingAverage& a : ratings) {
    w.StartObject();
    Str(w, "platform", a.platform);
    if (weeks) Str(w, "week", a.week);
    Int(w, "reviews", a.reviews);
    Num(w, "average", a.average);
    w.EndObject();
  }
  w.EndArray();
}

void Breaches(Writer& w, const Report& r) {
  w.Key("breaches");
  w.StartObject();
  Int(w, "total", r.breaches_total);
  w.Key("reasons");
  w.StartObject();
  Int(w, "ingestion_lag", r.breach_reasons.lagged);
  Int(w, "unassigned", r.breach_reasons.unassigned);
  Int(w, "off_hours", r.breach_reasons.off_hours);
  Int(w, "awaiting_approval", r.breach_reasons.awaiting_approval);
  Int(w, "unexplained", r.breach_reasons.unexplained);
  w.EndObject();
  w.Key("items");
  w.StartArray();
  for (const Breach& b : r.breaches) {
    w.StartObject();
    Int(w, "id", b.mention_id);
    Str(w, "platform", b.platform);
    Str(w, "target", b.target);
    Str(w, "label", b.label);
    Str(w, "at", FormatIso8601(b.at));
    Str(w, "due_at", b.due_at ? FormatIso8601(*b.due_at) : "");
    Int(w, "ingestion_lag_ms", b.ingestion_lag.count());
    w.Key("reasons");
    w.StartArray();
    for (auto [on, name] : {std::pair{b.lagged, "ingestion_lag"},
                            {b.unassigned, "unassigned"},
                            {b.off_hours, "off_hours"},
                            {b.awaiting_approval, "awaiting_approval"}}) {
      if (on) w.String(name);
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteJson(std::ostream& out, const Report& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("period");
  w.StartObject();
  Str(w, "from", FormatIso8601(r.options.from));
  Str(w, "to", FormatIso8601(r.options.to));
  Str(w, "platform", r.options.platform);
  Str(w, "time_zone", r.options.time_zone);
  w.EndObject();
  Int(w, "mentions", r.mentions);
  w.Key("volume_by_platform");
  w.StartArray();
  for (const PlatformCount& p : r.volume) {
    w.StartObject();
    Str(w, "platform", p.platform);
    Int(w, "mentions", p.mentions);
    w.EndObject();
  }
  w.EndArray();
  w.Key("hour_of_week");  // 7 arrays (Monday first) of 24 local hours
  w.StartArray();
  for (const auto& day : r.hour_of_week) {
    w.StartArray();
    for (int64_t n : day) w.Int64(n);
    w.EndArray();
  }
  w.EndArray();
  w.Key("sentiment");
  w.StartObject();
  Mix(w, r.sentiment);
  w.EndObject();
  w.Key("sentiment_trend");
  w.StartArray();
  for (const DaySentiment& d : r.sentiment_trend) {
    w.StartObject();
    Str(w, "date", d.date);
    Mix(w, d.mix);
    w.EndObject();
  }
  w.EndArray();
  Ratings(w, "ratings", r.ratings, false);
  Ratings(w, "rating_trend", r.rating_trend, true);
  Durations(w, "first_reply", r.first_reply);
  Durations(w, "resolution", r.resolution);
  w.Key("sla");
  w.StartObject();
  w.Key("overall");
  Rate(w, r.sla);
  Rates(w, "by_platform", r.sla_by_platform);
  Rates(w, "by_label", r.sla_by_label);
  Rates(w, "by_operator", r.sla_by_operator);
  Rates(w, "by_hour", r.sla_by_hour);
  w.EndObject();
  Breaches(w, r);
  w.Key("unanswered_negatives");
  w.StartObject();
  Int(w, "total", r.unanswered_negatives_total);
  w.Key("items");
  w.StartArray();
  for (const UnansweredItem& u : r.unanswered_negatives) {
    w.StartObject();
    Int(w, "id", u.mention_id);
    Str(w, "platform", u.platform);
    Str(w, "author", u.author);
    Str(w, "created_at", FormatIso8601(u.created_at));
    Str(w, "url", u.url);
    Str(w, "text", u.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  out << buffer.GetString() << "\n";
}

}  // namespace heed::report
