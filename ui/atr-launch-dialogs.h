/* atr-launch-dialogs.h — the questions opening a session or a link may ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AdwMessageDialogs answered through their "response" signal (never a nested main loop):
 *   credentials — user name and password for a session host or its gateway;
 *                 responses "cancel" and "connect"
 *   link        — a link or .rdp file that names a workspace or host that is not enrolled:
 *                 shows the workspace's domain (as the user reads it), the host or
 *                 publisher and what will happen; responses "cancel" (the default) and "open"
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_LINK_EFFECT_SUBSCRIBE,   /* add the workspace */
  ATR_LINK_EFFECT_CONNECT,     /* open a desktop or app of a workspace */
  ATR_LINK_EFFECT_CONNECT_HOST,/* connect to a computer directly (rdp://, a .rdp file) */
} AtrLinkEffect;

/* @user (nullable): prefills the user name. */
AdwMessageDialog *atr_credentials_dialog_new  (GtkWindow        *parent,
                                               const char       *host,
                                               gboolean          gateway,
                                               const char       *user);
/* After "connect": the typed values (@password: wipe after use). */
void              atr_credentials_dialog_get  (AdwMessageDialog *dialog,
                                               char            **user,
                                               char            **password);

/* @domain, @host, @gateway (nullable each): what the link or file names, as
 * atr_ui_host_text() writes it (the ASCII form beside an internationalised one);
 * @international: one of them is an internationalised name, which the dialog says;
 * @publisher (nullable): the tenant's name. All shown as plain text. */
AdwMessageDialog *atr_link_dialog_new         (GtkWindow        *parent,
                                               const char       *domain,
                                               const char       *host,
                                               const char       *gateway,
                                               const char       *publisher,
                                               gboolean          international,
                                               AtrLinkEffect     effect);

G_END_DECLS
