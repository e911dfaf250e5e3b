// libsearch/export.h: symbol visibility. The library is compiled with
// -fvisibility=hidden; only declarations marked LIBSEARCH_EXPORT form the ABI.
#ifndef LIBSEARCH_EXPORT_H_
#define LIBSEARCH_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define LIBSEARCH_EXPORT __attribute__((visibility("default")))
#else
#define LIBSEARCH_EXPORT
#endif

#endif  // LIBSEARCH_EXPORT_H_
