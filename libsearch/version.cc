#include "libsearch/version.h"

namespace libsearch {
const char* version_string() noexcept { return LIBSEARCH_VERSION_STRING; }
}  // namespace libsearch
