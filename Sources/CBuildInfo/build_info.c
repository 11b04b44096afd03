// scripts/build-info.sh writes commit.h (not in git) from `git describe`; without it the commit is "unknown".
// It also touches this file when the commit changes, so an incremental build picks the new one up.
#include "CBuildInfo.h"
#if __has_include("commit.h")
#include "commit.h"
#endif
#ifndef SPENDWATCH_COMMIT
#define SPENDWATCH_COMMIT "unknown"
#endif

const char *spendwatch_build_commit(void) { return SPENDWATCH_COMMIT; }
