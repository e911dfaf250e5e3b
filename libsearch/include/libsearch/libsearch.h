// libsearch/libsearch.h: everything. (Tutorial written when the API settles.)
#ifndef LIBSEARCH_LIBSEARCH_H_
#define LIBSEARCH_LIBSEARCH_H_
#include "libsearch/analyzer.h"
#include "libsearch/archive.h"
#include "libsearch/document.h"
#include "libsearch/error.h"
#include "libsearch/index.h"
#include "libsearch/normalizer.h"
#include "libsearch/stemmer.h"
#include "libsearch/stopwords.h"
#include "libsearch/tokenizer.h"
#include "libsearch/version.h"
#endif
