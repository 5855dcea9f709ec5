#pragma once
// Writing outputs so that a failed run never leaves a partial file and never clobbers an
// existing one: the content goes to a temporary file beside the target, which is flushed
// and then renamed into place (rename is atomic within one file system).

#include <string>
#include <string_view>

namespace basis {

// Returns false and sets `error` to a sentence naming the file when anything fails; the
// target is then untouched and no temporary file is left behind.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

}  // namespace basis
