/* atr-application.h — the atrium program: options, settings, trust, windows, launcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * atrium [--trust FILE] [--resolve HOST:PORT:ADDR[,ADDR…]]… [ADDRESS]
 * A bare ADDRESS opens enrolment prefilled. URIs and .rdp files (#6) will arrive through
 * atr_application_open_target(), the one hook for "something to open" from the command line.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The settings schema of the app (client/org.atrium.Atrium.gschema.xml). */
#define ATR_SETTINGS_SCHEMA "org.atrium.Atrium"

#define ATR_TYPE_APPLICATION (atr_application_get_type ())
G_DECLARE_FINAL_TYPE (AtrApplication, atr_application, ATR, APPLICATION, AdwApplication)

AtrApplication *atr_application_new (void);

G_END_DECLS
