/* atr-data-dirs.h — where Atrium's own files are: one answer for the app, the CLI and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running program's path (/proc/self/exe, read once) decides the layout:
 *
 *   UNINSTALLED  the program lies under the build root (./_build/client/atrium, the tests):
 *                the build tree's staged copies (client/data/: themes, trusted.pem, icons),
 *                its compiled schema (client/) and its built translations (po/).
 *   RELOCATED    the program sits in its install folder (bindir or libexecdir/atrium) under
 *                a prefix other than the configured one, as in a `meson install --destdir X`
 *                copy: every path is taken relative to that prefix.
 *   INSTALLED    anything else: the configured (compiled-in) paths, and the settings schema
 *                from the system's schema folders as usual.
 *
 * Nothing here reads the environment except the themes folder's ATR_THEMES_DIR, an override
 * kept for tests that need a different folder (a missing one).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_DATA_LAYOUT_UNINSTALLED,
  ATR_DATA_LAYOUT_RELOCATED,
  ATR_DATA_LAYOUT_INSTALLED,
} AtrDataLayout;

AtrDataLayout  atr_data_dirs_get_layout       (void);
const char    *atr_data_dirs_layout_to_string (AtrDataLayout layout);

/* The package data folder: themes/ and trusted.pem. */
const char    *atr_data_dirs_get_pkgdatadir   (void);
/* The bundled themes (pkgdatadir/themes, or ATR_THEMES_DIR when set and not empty). */
char          *atr_data_dirs_get_themes_dir   (void);
/* The bundled trust store (pkgdatadir/trusted.pem). */
const char    *atr_data_dirs_get_trusted_pem  (void);
/* The folder holding gschemas.compiled. */
const char    *atr_data_dirs_get_schema_dir   (void);
/* For bindtextdomain(). */
const char    *atr_data_dirs_get_locale_dir   (void);
/* An icon theme search path holding hicolor/…/apps/<app id>.svg. */
const char    *atr_data_dirs_get_icon_dir     (void);
/* Where atrium-cli's helper programs are (libexecdir/atrium). */
const char    *atr_data_dirs_get_helper_dir   (void);

/* The schema source for this layout: the system's default one when installed, else one
 * reading atr_data_dirs_get_schema_dir() first with the default source as its parent.
 * (transfer none) (nullable): NULL only when no schema is found anywhere. */
GSettingsSchemaSource *atr_data_dirs_get_schema_source (void);
/* (transfer full): @schema_id from that source, or NULL with a G_IO_ERROR_NOT_FOUND error
 * naming the schema folder looked in. */
GSettingsSchema       *atr_data_dirs_lookup_schema     (const char        *schema_id,
                                                        GError           **error);
/* (transfer full): settings of @schema_id (which must exist: check at start-up with
 * atr_data_dirs_lookup_schema()) on @backend, or the default backend when NULL. */
GSettings             *atr_data_dirs_new_settings      (const char        *schema_id,
                                                        GSettingsBackend  *backend);

G_END_DECLS
