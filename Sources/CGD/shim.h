#ifndef PCMD_CGD_SHIM_H
#define PCMD_CGD_SHIM_H
#include <gd.h>

// gdImageSX/SY are macros.
static inline int pcmd_gd_width(gdImagePtr im) { return gdImageSX(im); }
static inline int pcmd_gd_height(gdImagePtr im) { return gdImageSY(im); }
#endif
