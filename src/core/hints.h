/* hints.h: what the compiler is told about hot code (GCC and clang; elsewhere nothing). */
#ifndef RS_CORE_HINTS_H
#define RS_CORE_HINTS_H

#if defined(__GNUC__)
#define RS_ALWAYS_INLINE inline __attribute__((always_inline))
#define RS_NOINLINE __attribute__((noinline))
#define RS_LIKELY(x) __builtin_expect(!!(x), 1)
#define RS_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define RS_ALWAYS_INLINE inline
#define RS_NOINLINE
#define RS_LIKELY(x) (!!(x))
#define RS_UNLIKELY(x) (!!(x))
#endif

#endif
