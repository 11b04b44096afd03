#ifndef SPENDWATCH_CPOSTGRES_SHIM_H
#define SPENDWATCH_CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#endif
