/* atr-ui-text.h — the words the UI shows for errors, times and resource kinds (pure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no GTK, no I/O) so they are tested headless. Only ui/ turns errors into
 * translated user text, and it does it here.
 */
#pragma once

#include <gio/gio.h>

#include "atr-resource.h"

G_BEGIN_DECLS

typedef enum
{
  ATR_UI_ACTION_RETRY,      /* try the same thing again */
  ATR_UI_ACTION_SIGN_IN,    /* credentials are needed or were refused */
  ATR_UI_ACTION_EDIT,       /* the address itself is wrong */
} AtrUiAction;

/* A short headline for @error ("Cannot reach the workspace"), translated. */
char        *atr_ui_error_title        (const GError *error);
/* The plain-language explanation; keeps net's reason (which names host and cause). */
char        *atr_ui_error_description  (const GError *error);
AtrUiAction  atr_ui_error_action       (const GError *error);

/* How a session ended (rdp/'s error, NULL when ended here): headline and sentence. */
void         atr_ui_session_end_text   (const GError  *error,
                                        const char    *host,
                                        char         **title,
                                        char         **description);

/* "Last updated 5 minutes ago", "Last updated yesterday at 14:02", … @now for tests. */
char        *atr_ui_format_last_updated (GDateTime   *fetched,
                                         GDateTime   *now);

/* "Desktop" or "App", translated. */
const char  *atr_ui_kind_label         (AtrResourceKind kind);

/* How the feed was found ("dns-txt" → "DNS TXT record _msradc.<domain>"), translated. */
char        *atr_ui_found_by_label     (const char  *found_by,
                                        const char  *domain);

/* Sorted, de-duplicated folders of the resources in @resources ("/" first when present). */
GStrv        atr_ui_collect_folders    (GListModel  *resources);
/* Whether @resource shows with the folder filter @folder (NULL/"" = all) and "show all". */
gboolean     atr_ui_resource_matches   (AtrResource *resource,
                                        const char  *folder,
                                        gboolean     show_all);
/* "/Clinic" → "Clinic", "/" → "All resources"-style root label, translated. */
char        *atr_ui_folder_label       (const char  *folder);

/* "bücher.example (xn--bcher-kva.example)": a host as read, with its ASCII form when it
 * differs, wherever a host is confirmed. */
char *atr_ui_host_text (const char *display,
                        const char *ascii);

G_END_DECLS
