#ifndef PCMD_CGD_SHIM_H
#define PCMD_CGD_SHIM_H
#include <gd.h>
#include <dlfcn.h>
#include <stddef.h>

// libgd is opened on first use, not linked: it pulls in some fifty codec libraries (heif,
// x265, aom, dav1d, …) whose loading was most of pcmd's start-up time, and only thumbnails
// need it. Calls fail soft (NULL / no-op) if the library cannot be opened.
static inline void *pcmd_gd_symbol(const char *name) {
    static void *lib = NULL;
    if (!lib) lib = dlopen("libgd.so.3", RTLD_NOW | RTLD_LOCAL);
    return lib ? dlsym(lib, name) : NULL;
}

#define PCMD_GD(ret, name, params, args) \
    static inline ret pcmd_##name params { \
        static ret (*f) params = NULL; \
        if (!f) f = (ret (*) params) pcmd_gd_symbol(#name); \
        return f ? f args : (ret)0; \
    }
#define PCMD_GD_VOID(name, params, args) \
    static inline void pcmd_##name params { \
        static void (*f) params = NULL; \
        if (!f) f = (void (*) params) pcmd_gd_symbol(#name); \
        if (f) f args; \
    }

PCMD_GD(gdImagePtr, gdImageCreateFromPngPtr, (int size, void *data), (size, data))
PCMD_GD(gdImagePtr, gdImageCreateFromJpegPtr, (int size, void *data), (size, data))
PCMD_GD(gdImagePtr, gdImageCreateFromGifPtr, (int size, void *data), (size, data))
PCMD_GD(gdImagePtr, gdImageCreateFromWebpPtr, (int size, void *data), (size, data))
PCMD_GD(gdImagePtr, gdImageCreateTrueColor, (int sx, int sy), (sx, sy))
PCMD_GD(int, gdImageGetTrueColorPixel, (gdImagePtr im, int x, int y), (im, x, y))
PCMD_GD(void *, gdImagePngPtr, (gdImagePtr im, int *size), (im, size))
PCMD_GD(void *, gdImageJpegPtr, (gdImagePtr im, int *size, int quality), (im, size, quality))
PCMD_GD_VOID(gdImageDestroy, (gdImagePtr im), (im))
PCMD_GD_VOID(gdFree, (void *m), (m))
PCMD_GD_VOID(gdImageCopyResampled, (gdImagePtr dst, gdImagePtr src, int dstX, int dstY, int srcX, int srcY,
                                    int dstW, int dstH, int srcW, int srcH),
             (dst, src, dstX, dstY, srcX, srcY, dstW, dstH, srcW, srcH))

// Decodes PNG, JPEG, GIF or WebP by their first bytes (what the sandbox's thumbnails and the
// TUI's image view both read); NULL for anything else.
static inline gdImagePtr pcmd_gd_decode(int size, void *data) {
    const unsigned char *b = (const unsigned char *)data;
    if (size < 4) return NULL;
    if (b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return pcmd_gdImageCreateFromPngPtr(size, data);
    if (b[0] == 0xFF && b[1] == 0xD8) return pcmd_gdImageCreateFromJpegPtr(size, data);
    if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F') return pcmd_gdImageCreateFromGifPtr(size, data);
    if (b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F') return pcmd_gdImageCreateFromWebpPtr(size, data);
    return NULL;
}

// gdImageSX/SY are macros.
static inline int pcmd_gd_width(gdImagePtr im) { return gdImageSX(im); }
static inline int pcmd_gd_height(gdImagePtr im) { return gdImageSY(im); }
#endif
