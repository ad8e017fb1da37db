// A one-line progress bar on stderr for long scans and report builds. Drawn only when enabled
// (stderr is a terminal), so pipes, cron, logs and tests stay quiet.
#pragma once

#include <ostream>
#include <string_view>

namespace heed::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~ProgressBar() { Clear(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // "[#######.......] 2/4 reading breaches", redrawn in place.
  void Update(int step, int steps, std::string_view what);
  // Erases the bar (once drawn), so the next output starts on a clean line.
  void Clear();

 private:
  std::ostream& err_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace heed::cli
