// report_fixture_db PATH: writes the report fixture (report_fixture.h) to a new database file,
// for tests that drive the real `heed` binary (html_render_test.sh).
#include <cstdio>

#include "report_fixture.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: report_fixture_db PATH\n");
    return 2;
  }
  auto store = heed::store::Store::Open(argv[1]);
  heed::Status status = store.ok() ? heed::report::testing::FillFixture(**store) : store.status();
  if (!status.ok()) {
    std::fprintf(stderr, "report_fixture_db: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
