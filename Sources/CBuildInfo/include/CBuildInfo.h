#ifndef SPENDWATCH_CBUILDINFO_H
#define SPENDWATCH_CBUILDINFO_H
/// The git commit the binary was built from ("unknown" when built outside a git checkout).
const char *spendwatch_build_commit(void);
#endif
