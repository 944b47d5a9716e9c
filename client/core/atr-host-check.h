/* atr-host-check.h — what an internationalised host name may contain, and how it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One check for every host Atrium confirms or enrols: links (atr-uri-host.c) and what a user
 * types (net/atr-address.c). IDNA2008 with UTS #46 non-transitional mapping (libidn2)
 * decides what a name may contain; ICU's spoof checker (UTS #39, highly restrictive) refuses
 * labels that mix scripts, use symbols or invisible characters, mix digit systems, or read
 * as a Latin name while written in another script.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  atr_host_check           (const char  *key,
                                    const char  *host,
                                    char       **ascii,
                                    char       **unicode,
                                    GPtrArray   *warnings,
                                    GError     **error);
char     *atr_host_check_to_display (const char  *ascii);

G_END_DECLS
