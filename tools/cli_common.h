// Shared by the command-line tools: terminal detection, colour policy and
// exit codes.
#ifndef LIBSEARCH_TOOLS_CLI_COMMON_H_
#define LIBSEARCH_TOOLS_CLI_COMMON_H_

#include <cstdio>
#include <string>

namespace cli {

// Exit codes shared by the tools (libsearch-query follows grep: 0 = found,
// 1 = nothing found, 2 = error).
constexpr int kExitOk = 0;
constexpr int kExitNoMatch = 1;
constexpr int kExitError = 2;

bool IsTerminal(std::FILE* stream);

enum class ColorMode { kAuto, kAlways, kNever };
// Whether to colour `stream`: kAlways/kNever win; kAuto colours only a
// terminal, and never when NO_COLOR is set non-empty or TERM is "dumb".
bool UseColor(ColorMode mode, std::FILE* stream);

// Prints "PROGRAM: error: MESSAGE" on stderr.
void PrintError(const char* program, const std::string& message);

}  // namespace cli

#endif  // LIBSEARCH_TOOLS_CLI_COMMON_H_
