// heed init: create the config file (if missing) and the database (migrated to this version).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "commands.h"

namespace heed::cli {

int RunInit(Session& session, const Args& args) {
  po::options_description desc("heed init options");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm, "heed init [--db PATH] [--config PATH]")) {
    return kExitOk;
  }
  std::ostream& out = session.context.out;
  namespace fs = std::filesystem;
  std::error_code ec;

  if (fs::exists(session.config_path, ec)) {
    session.config_explicit = true;
    session.LoadConfig();  // an existing config must be valid: exits naming the bad key
    out << "config:   " << session.config_path << " (exists, kept)\n";
  } else {
    fs::path parent = fs::path(session.config_path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    std::ofstream file(session.config_path, std::ios::binary);
    file << app::DefaultConfigText();
    file.close();
    if (!file) {
      throw CommandError{kExitData, "heed init: cannot write config file " + session.config_path};
    }
    // The config names where secrets live; keep it private to the user.
    ::chmod(session.config_path.c_str(), 0600);
    out << "config:   " << session.config_path << " (created)\n";
  }

  fs::path db_parent = fs::path(session.db_path).parent_path();
  if (!db_parent.empty()) fs::create_directories(db_parent, ec);
  bool existed = fs::exists(session.db_path, ec);
  Result<std::unique_ptr<store::Store>> store =
      store::Store::Open(session.db_path, store::Store::OpenMode::kCreate);
  if (!store.ok()) {
    throw CommandError{kExitData, "heed init: " + store.status().message()};
  }
  out << "database: " << session.db_path << " (" << (existed ? "exists, " : "created, ")
      << "schema version " << (*store)->SchemaVersion() << ")\n";
  out << "next:     add a [connector.NAME] section to the config, then run `heed scan`\n";
  return kExitOk;
}

}  // namespace heed::cli
