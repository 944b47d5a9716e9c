/* atr-data-dirs-private.h — the layout decision as a pure function, for the unit test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-data-dirs.h"

G_BEGIN_DECLS

/* What the build configured: absolute paths, no trailing slash. */
typedef struct
{
  const char *build_root;        /* meson.project_build_root() */
  const char *prefix;
  const char *bindir;
  const char *libexecdir;        /* libexecdir/atrium, where atrium-cli-rdp is installed */
  const char *pkgdatadir;
  const char *schema_dir;        /* datadir/glib-2.0/schemas */
  const char *locale_dir;
  const char *icon_dir;          /* datadir/icons */
  /* the build tree's copies */
  const char *build_pkgdatadir;
  const char *build_schema_dir;
  const char *build_locale_dir;
  const char *build_icon_dir;
  const char *build_helper_dir;  /* where atrium-cli-rdp is built */
} AtrDataConfig;

typedef struct
{
  AtrDataLayout  layout;
  char          *pkgdatadir;
  char          *schema_dir;
  char          *locale_dir;
  char          *icon_dir;
  char          *helper_dir;
} AtrDataDirs;

/* The configuration this program was built with. */
const AtrDataConfig *_atr_data_dirs_config  (void);
/* @exe: the program's own path, symbolic links resolved (nullable: unknown). */
AtrDataDirs         *_atr_data_dirs_resolve (const AtrDataConfig *config,
                                             const char          *exe);
void                 _atr_data_dirs_free    (AtrDataDirs         *dirs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrDataDirs, _atr_data_dirs_free)

G_END_DECLS
