/* atr-uri-parser.h — connection links (atrium:, rdp:, ms-rd:, tuxclient:, prlclient:) to
 * launch requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-launch-request.h"
#include "atr-uri-error.h"

G_BEGIN_DECLS

/* Links longer than this are refused before they are looked at. */
#define ATR_URI_MAX_LENGTH 8192

AtrLaunchRequest *atr_uri_parse (const char  *uri,
                                 GError     **error);

G_END_DECLS
