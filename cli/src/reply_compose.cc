#include "reply_compose.h"

#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "heed/core/text.h"

extern char** environ;

namespace heed::cli {
namespace {

// Each line of text as a comment line: "# " + prefix + line.
std::string Commented(std::string_view text, std::string_view prefix) {
  std::string out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    out += "# " + std::string(prefix) + line + "\n";
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> ReplyVariables(const store::StoredMention& stored,
                                                  const std::vector<std::string>& overrides) {
  std::map<std::string, std::string> vars = responder::MentionVariables(stored);
  for (const std::string& assignment : overrides) {
    const size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CommandError{kExitUsage,
                         "heed reply: --var wants KEY=VALUE, got \"" + assignment + "\""};
    }
    vars[assignment.substr(0, eq)] = assignment.substr(eq + 1);
  }
  return vars;
}

responder::TemplateSet LoadTemplates(const std::string& path) {
  Result<responder::TemplateSet> defaults = responder::TemplateSet::Defaults();
  if (!defaults.ok()) throw CommandError{kExitFailure, "heed: " + defaults.status().message()};
  responder::TemplateSet set = *std::move(defaults);
  if (path.empty()) return set;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError{kExitData, "heed reply: cannot read templates file " + path};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<responder::TemplateSet> user = responder::TemplateSet::Parse(text, path);
  if (!user.ok()) throw CommandError{kExitUsage, "heed reply: " + user.status().message()};
  set.Merge(*user);
  return set;
}

std::string_view SuggestedTemplate(std::string_view label) {
  if (label == "negative") return "apology";
  if (label == "positive") return "thanks";
  return "acknowledgement";
}

std::string EditorPrefill(int64_t id, const store::InboxItem& item, const std::string& language,
                          const std::string& suggestion) {
  const Mention& m = item.stored.mention;
  std::string author = m.author.display_name.empty()
                           ? m.author.handle
                           : m.author.display_name + " (" + m.author.handle + ")";
  std::string out =
      "# Write your public reply to #" + std::to_string(id) +
      " above or below these lines. Lines starting with '#'\n"
      "# are dropped; an empty reply aborts and nothing is posted. The reply is checked before\n"
      "# it is posted (length, tone, greeting, apology, language).\n#\n";
  out += Commented(ForTerminal(author + " on " + m.platform + ", language " +
                               (language.empty() ? "unknown" : language) + ", " +
                               (item.score ? item.score->label : "not scored") + ":"),
                   "");
  out += Commented(ForTerminal(m.text, /*keep_newlines=*/true), "> ");
  if (!suggestion.empty()) {
    out += "#\n# Suggested template (remove the leading '# ' to use it):\n";
    out += Commented(ForTerminal(suggestion, /*keep_newlines=*/true), "");
  }
  return out;
}

std::string StripComments(std::string_view text) {
  std::string out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] == '#') continue;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    out += line + "\n";
  }
  const size_t begin = out.find_first_not_of('\n');
  if (begin == std::string::npos) return "";
  return out.substr(begin, out.find_last_not_of('\n') - begin + 1);
}

std::string EditInEditor(const CliContext& context, const std::string& initial) {
  std::string editor = context.Env("VISUAL").value_or("");
  if (editor.empty()) editor = context.Env("EDITOR").value_or("");
  if (editor.empty()) editor = "vi";
  std::string dir = context.Env("TMPDIR").value_or("");
  if (dir.empty()) dir = std::filesystem::temp_directory_path().string();
  std::string path = dir + "/heed-reply-XXXXXX.txt";
  const int fd = ::mkstemps(path.data(), 4);
  if (fd < 0) throw CommandError{kExitFailure, "heed reply: cannot create a file in " + dir};
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } cleanup{path};
  std::ofstream(path, std::ios::binary) << initial;

  // The command is the operator's $EDITOR (it may carry options, "code --wait"); the path is a
  // positional parameter, so no file name can inject shell syntax.
  const std::string command = editor + " \"$1\"";
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), "sh", path.c_str(), nullptr};
  pid_t pid = 0;
  if (::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
    throw CommandError{kExitFailure, "heed reply: cannot start the editor (" + editor + ")"};
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw CommandError{kExitFailure,
                       "heed reply: the editor (" + editor + ") failed; nothing was posted"};
  }
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void PrintWarnings(std::ostream& err, const std::vector<responder::ReplyWarning>& warnings) {
  for (const responder::ReplyWarning& w : warnings) {
    err << "heed reply: warning [" << responder::ReplyWarningKindName(w.kind)
        << "]: " << ForTerminal(w.message) << "\n";
  }
}

}  // namespace heed::cli
