#include "progress_bar.h"

#include <string>

namespace heed::cli {

void ProgressBar::Update(int step, int steps, std::string_view what) {
  if (!enabled_ || steps <= 0) return;
  constexpr int kWidth = 24;
  const int filled = kWidth * step / steps;
  err_ << "\r\x1b[2K[" << std::string(static_cast<size_t>(filled), '#')
       << std::string(static_cast<size_t>(kWidth - filled), '.') << "] " << step << "/" << steps
       << " " << what << std::flush;
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!drawn_) return;
  err_ << "\r\x1b[2K" << std::flush;
  drawn_ = false;
}

}  // namespace heed::cli
