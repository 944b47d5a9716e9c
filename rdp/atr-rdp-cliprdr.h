/* atr-rdp-cliprdr.h — the session's clipboard part (cliprdr, MS-RDPECLIP), text only
 *
 * Part of the session engine (rdp/ only). It owns what the clipboard shares between threads,
 * under its own lock: the local text offered, the server's text last received (so that it is
 * not echoed back), whether the local text must be announced, and the channel once
 * connected. The policy decides whether the channel is loaded at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/client/cliprdr.h>
#include <freerdp/freerdp.h>
#include <glib.h>
#include <winpr/synch.h>

#include "atr-rdp-session.h"

G_BEGIN_DECLS

typedef struct _AtrRdpCliprdr AtrRdpCliprdr;

AtrRdpCliprdr *atr_rdp_cliprdr_new             (AtrRdpSession        *session,
                                                HANDLE                wake_event);
void           atr_rdp_cliprdr_free            (AtrRdpCliprdr        *clip);

/* before connect (main context) */
void           atr_rdp_cliprdr_set_policy      (AtrRdpCliprdr        *clip,
                                                gboolean              allowed,
                                                gboolean              ask_file);
gboolean       atr_rdp_cliprdr_get_allowed     (AtrRdpCliprdr        *clip);

/* any thread */
gboolean       atr_rdp_cliprdr_set_local_text  (AtrRdpCliprdr        *clip,
                                                const char           *utf8);
void           atr_rdp_cliprdr_remember_remote (AtrRdpCliprdr        *clip,
                                                const char           *utf8);

/* session thread */
gboolean       atr_rdp_cliprdr_pre_connect     (AtrRdpCliprdr        *clip,
                                                rdpSettings          *settings);
gboolean       atr_rdp_cliprdr_load            (AtrRdpCliprdr        *clip,
                                                rdpContext           *context);
void           atr_rdp_cliprdr_connected       (AtrRdpCliprdr        *clip,
                                                CliprdrClientContext *cliprdr);
void           atr_rdp_cliprdr_disconnected    (AtrRdpCliprdr        *clip,
                                                CliprdrClientContext *cliprdr);
void           atr_rdp_cliprdr_dispatch        (AtrRdpCliprdr        *clip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpCliprdr, atr_rdp_cliprdr_free)

G_END_DECLS
