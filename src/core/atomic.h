/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Atomic file replacement: a temporary file in the same directory, written, synced, then renamed
 * over the old one, and the directory synced; the old version can be kept as a dated backup. A
 * reader (or a crash) sees the old file or the new one, never a mix. */
#ifndef O365_ATOMIC_H
#define O365_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* The system calls a replacement makes, in order; a fault hook is called before each. */
enum atomic_step {
	AT_MKDIR = 0, /* creating the directory (0700) */
	AT_CREATE,    /* mkstemp of the temporary file */
	AT_WRITE,     /* each write(); may repeat */
	AT_FSYNC,     /* fsync of the temporary file */
	AT_CLOSE,
	AT_BACKUP,  /* link() of the old file to its backup name */
	AT_RENAME,  /* rename() over the old file */
	AT_DIRSYNC, /* fsync of the directory */
	AT_PRUNE,   /* removing backups beyond the number kept */
	AT_COUNT
};

/* Writes data to path with the given mode. backups > 0 keeps the old file as
 * path.bak-YYYYMMDD-HHMMSS-mmm and at most that many backups. */
enum o365_rc atomic_replace(const char *path, const char *data, size_t len, mode_t mode, int backups,
			    struct o365_err *e);
/* Creates dir and its parents with mode 0700 where missing. */
enum o365_rc atomic_mkdirs(const char *dir, struct o365_err *e);

/* For crash-safety tests: called before each system call above. Returning an errno value makes
 * that call fail with it; the hook may also end the process there. NULL removes it. */
void atomic_set_fault_hook(int (*hook)(enum atomic_step step));

#endif
