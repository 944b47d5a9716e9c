/* atr-rdp-key.h — one canonical form for .rdp attribute names, links and files alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *atr_rdp_key_canonical             (const char *name);
gboolean  atr_rdp_key_is_security_relevant  (const char *key);

G_END_DECLS
