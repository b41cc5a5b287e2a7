/*
 * Linux: the engine's seccomp filter, the counterpart of its pledge.
 * Its own file, so that a test program can install the very same one.
 */
#ifndef NL_SANDBOX_H
#define NL_SANDBOX_H

/* 0, or a negative errno (libseccomp's convention) */
int	sandbox_engine(void);

#endif
