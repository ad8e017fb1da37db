// Internal to the CLI: composing a reply for `heed reply` before it is checked and posted. The
// text comes from --text, from a template (built in, or the operator's --templates file) or from
// $VISUAL/$EDITOR opened on a temporary file with the post as commented context.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "heed/responder/reply_check.h"
#include "heed/responder/templates.h"

namespace heed::cli {

// {name} (display name, else the handle's local part), {handle}, {platform} and {ticket}
// ("HEED-<id>") for the item; then each "KEY=VALUE" of overrides adds or replaces one. Throws
// CommandError(kExitUsage) for an override without '=' or with an empty key.
std::map<std::string, std::string> ReplyVariables(const store::StoredMention& mention,
                                                  const std::vector<std::string>& overrides);

// The built-in templates, extended and overridden by name by the file at path (none when
// empty). Throws CommandError naming the file when it cannot be read (kExitData) or parsed
// (kExitUsage).
responder::TemplateSet LoadTemplates(const std::string& path);

// The template that fits a post of this sentiment label: "apology" for negative posts, "thanks"
// for positive ones, else "acknowledgement".
std::string_view SuggestedTemplate(std::string_view label);

// What the editor starts with: every line a comment ('#'): how to write and abort, the post
// (neutralised for the terminal), its language and label, and the suggested template rendered
// in the post's language (suggestion may be empty).
std::string EditorPrefill(int64_t id, const store::InboxItem& item, const std::string& language,
                          const std::string& suggestion);

// text without the lines that start with '#', trimmed of blank lines and trailing white space.
std::string StripComments(std::string_view text);

// Runs $VISUAL, else $EDITOR, else "vi" (through /bin/sh -c, the file's path passed as "$1" so
// it is never interpolated into the command) on a temporary file holding initial, and returns
// what the operator saved. Throws CommandError(kExitFailure) when the editor cannot be started
// or exits non-zero.
std::string EditInEditor(const CliContext& context, const std::string& initial);

// Prints each warning to err ("heed reply: warning [kind]: message").
void PrintWarnings(std::ostream& err, const std::vector<responder::ReplyWarning>& warnings);

}  // namespace heed::cli
