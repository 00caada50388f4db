#ifndef GOTRIAGE_CEDITLINE_SHIM_H
#define GOTRIAGE_CEDITLINE_SHIM_H
#include <histedit.h>
#endif
