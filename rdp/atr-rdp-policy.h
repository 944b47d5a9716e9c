/* atr-rdp-policy.h — the tenant policy and the .rdp filter that enforces it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "atr-rdp-file.h"

G_BEGIN_DECLS

/* String values longer than this (in bytes) are refused; `b` values get 4× as much. */
#define ATR_RDP_VALUE_MAX_LENGTH 2048

/**
 * AtrRdpRedirection:
 *
 * The device redirections a tenant can allow, named as in the manifest's
 * `policy.redirections` ("clipboard", "audio", "printers", "drives", "smartcards", "usb",
 * "camera", "comports", "microphone").
 */
typedef enum /*< flags >*/
{
  ATR_RDP_REDIRECT_NONE       = 0,
  ATR_RDP_REDIRECT_CLIPBOARD  = 1 << 0,
  ATR_RDP_REDIRECT_AUDIO      = 1 << 1,
  ATR_RDP_REDIRECT_PRINTERS   = 1 << 2,
  ATR_RDP_REDIRECT_DRIVES     = 1 << 3,
  ATR_RDP_REDIRECT_SMARTCARDS = 1 << 4,
  ATR_RDP_REDIRECT_USB        = 1 << 5,
  ATR_RDP_REDIRECT_CAMERA     = 1 << 6,
  ATR_RDP_REDIRECT_COMPORTS   = 1 << 7,
  ATR_RDP_REDIRECT_MICROPHONE = 1 << 8,
} AtrRdpRedirection;

#define ATR_RDP_REDIRECT_N_KINDS 9
#define ATR_RDP_REDIRECT_DEFAULT (ATR_RDP_REDIRECT_CLIPBOARD | ATR_RDP_REDIRECT_AUDIO)

/**
 * AtrRdpPolicy:
 * @redirections: what may be redirected (default: clipboard and audio)
 * @allow_certificate_override: whether the user may accept a certificate the trust store
 *   refused (default %FALSE; never in kiosk mode — the engine's and UI's concern)
 * @reconnect: whether automatic reconnection is allowed (default %TRUE)
 * @idle_logoff_minutes: 0 for none
 *
 * Mirrors the tenant manifest's "policy" object (issue #3). A plain struct: copy freely.
 */
typedef struct
{
  AtrRdpRedirection redirections;
  gboolean          allow_certificate_override;
  gboolean          reconnect;
  guint             idle_logoff_minutes;
} AtrRdpPolicy;

void          atr_rdp_policy_init_default     (AtrRdpPolicy        *policy);
gboolean      atr_rdp_policy_load_json        (AtrRdpPolicy        *policy,
                                               JsonNode            *node,
                                               const char          *origin,
                                               GError             **error);
void          atr_rdp_policy_set_redirections (AtrRdpPolicy        *policy,
                                               const char * const  *names);
gboolean      atr_rdp_policy_allows           (const AtrRdpPolicy  *policy,
                                               AtrRdpRedirection    redirection);

const char   *atr_rdp_redirection_to_string   (AtrRdpRedirection    redirection);
gboolean      atr_rdp_redirection_from_string (const char          *name,
                                               AtrRdpRedirection   *redirection);

AtrRdpFile   *atr_rdp_file_filter             (AtrRdpFile          *input,
                                               const AtrRdpPolicy  *policy,
                                               GPtrArray          **dropped);

G_END_DECLS
