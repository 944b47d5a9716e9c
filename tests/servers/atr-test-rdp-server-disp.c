/* atr-test-rdp-server-disp.c — the Display Control part of atrium-test-rdp-server
 * (MS-RDPEDISP, FreeRDP's disp server channel)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once drdynvc is ready it opens the "Microsoft::Windows::RDS::DisplayControl" dynamic
 * channel (disp_server_context_new) and, when the client has accepted it, sends the caps
 * PDU with the limits given on the command line. A monitor layout from the client is printed
 * and, when it fits those limits, the desktop is resized to its primary monitor's size.
 * Lines on stdout:
 *
 *   DISP opened peer=I                                   channel creation asked
 *   DISP caps monitors=N area=AxB peer=I                 caps PDU sent
 *   LAYOUT WxH monitors=N peer=I                         a layout arrived (primary monitor)
 *   LAYOUT-REFUSED WxH reason=… peer=I                   it exceeds the caps: no resize
 *
 * MS-RDPEDISP 2.2.2.1: the combined area of the monitors may be at most
 * MaxNumMonitors × MaxMonitorAreaFactorA × MaxMonitorAreaFactorB; a layout over that is
 * refused here (a real server may do anything with it). FreeRDP's channel itself drops a
 * PDU with more monitors than MaxNumMonitors or a monitor outside 200..8192.
 *
 * What it does NOT do: lay out several monitors (only the primary one's size is used),
 * scale factors or orientation (printed, ignored), or close the channel before the peer goes.
 */
#define G_LOG_DOMAIN "atrium-test-rdp-server"

#include "config.h"

#include <stdio.h>

#include <freerdp/server/disp.h>
#include <winpr/wtsapi.h>

#include "atr-test-rdp-server.h"

static gboolean opt_no_disp;
static int opt_max_monitors = 16;
static char *opt_max_area;

static const GOptionEntry disp_options[] = {
  { "no-disp", 0, 0, G_OPTION_ARG_NONE, &opt_no_disp, "Do not open Display Control", NULL },
  { "disp-max-monitors", 0, 0, G_OPTION_ARG_INT, &opt_max_monitors, "MaxNumMonitors in the caps (default 16)", "N" },
  { "disp-max-area", 0, 0, G_OPTION_ARG_STRING, &opt_max_area, "MaxMonitorAreaFactorA x B in the caps (default 8192x8192)", "AxB" },
  { NULL }
};

typedef struct
{
  AtrTestRdpPeer    *peer;
  DispServerContext *disp;
  guint32            channel_id;
  gboolean           send_caps;
} DispPart;

static UINT
layout_cb (DispServerContext                       *disp,
           const DISPLAY_CONTROL_MONITOR_LAYOUT_PDU *pdu)
{
  DispPart *part = disp->custom;
  const DISPLAY_CONTROL_MONITOR_LAYOUT *primary = NULL;
  guint64 area = 0;
  guint64 max_area = (guint64) disp->MaxNumMonitors * disp->MaxMonitorAreaFactorA *
                     disp->MaxMonitorAreaFactorB;

  for (UINT32 i = 0; i < pdu->NumMonitors; i++)
    {
      const DISPLAY_CONTROL_MONITOR_LAYOUT *m = &pdu->Monitors[i];

      area += (guint64) m->Width * m->Height;
      if (primary == NULL || (m->Flags & DISPLAY_CONTROL_MONITOR_PRIMARY) != 0)
        primary = m;
    }
  if (primary == NULL)
    {
      atr_test_rdp_say ("LAYOUT-REFUSED 0x0 reason=no-monitor peer=%u", part->peer->id);
      return CHANNEL_RC_OK;
    }
  atr_test_rdp_say ("LAYOUT %ux%u monitors=%u peer=%u", primary->Width, primary->Height,
                    pdu->NumMonitors, part->peer->id);
  if (area > max_area)
    {
      atr_test_rdp_say ("LAYOUT-REFUSED %ux%u reason=area-over-%" G_GUINT64_FORMAT " peer=%u",
                        primary->Width, primary->Height, max_area, part->peer->id);
      return CHANNEL_RC_OK;
    }
  atr_test_rdp_peer_request_resize (part->peer, primary->Width, primary->Height);
  return CHANNEL_RC_OK;
}

static BOOL
channel_id_cb (DispServerContext *disp,
               UINT32             channel_id)
{
  DispPart *part = disp->custom;

  part->channel_id = channel_id;
  return TRUE;
}

static gboolean
disp_start (AtrTestRdpPeer *peer,
            gpointer       *state)
{
  DispPart *part;
  guint a = 8192, b = 8192;

  if (opt_no_disp)
    return TRUE;
  if (opt_max_area != NULL && sscanf (opt_max_area, "%ux%u", &a, &b) != 2)
    {
      atr_test_rdp_say ("ERROR --disp-max-area wants AxB, not %s", opt_max_area);
      return FALSE;
    }
  part = g_new0 (DispPart, 1);
  *state = part;
  part->peer = peer;
  part->disp = disp_server_context_new (peer->vcm);
  if (part->disp == NULL)
    return FALSE;
  part->disp->custom = part;
  part->disp->rdpcontext = &peer->context;
  part->disp->MaxNumMonitors = (UINT32) MAX (opt_max_monitors, 0);
  part->disp->MaxMonitorAreaFactorA = a;
  part->disp->MaxMonitorAreaFactorB = b;
  part->disp->DispMonitorLayout = layout_cb;
  part->disp->ChannelIdAssigned = channel_id_cb;
  if (part->disp->Open (part->disp) != CHANNEL_RC_OK)
    {
      atr_test_rdp_say ("ERROR cannot open Display Control peer=%u", peer->id);
      return FALSE;
    }
  atr_test_rdp_say ("DISP opened peer=%u", peer->id);
  return TRUE;
}

/* The client answered the channel's creation (on the peer's thread): caps on the next turn,
 * outside the channel manager's dispatch. */
static void
disp_created (AtrTestRdpPeer *peer,
              gpointer        state,
              guint32         channel_id,
              gint32          status)
{
  DispPart *part = state;

  if (part == NULL || part->channel_id == 0 || channel_id != part->channel_id)
    return;
  if (status != 0)
    {
      atr_test_rdp_say ("DISP refused status=%d peer=%u", status, peer->id);
      return;
    }
  part->send_caps = TRUE;
  SetEvent (peer->wake);
}

static gboolean
disp_turn (AtrTestRdpPeer *peer,
           gpointer        state)
{
  DispPart *part = state;

  if (part == NULL || !part->send_caps)
    return TRUE;
  part->send_caps = FALSE;
  if (part->disp->DisplayControlCaps (part->disp) != CHANNEL_RC_OK)
    {
      atr_test_rdp_say ("ERROR cannot send the Display Control caps peer=%u", peer->id);
      return FALSE;
    }
  atr_test_rdp_say ("DISP caps monitors=%u area=%ux%u peer=%u", part->disp->MaxNumMonitors,
                    part->disp->MaxMonitorAreaFactorA, part->disp->MaxMonitorAreaFactorB,
                    peer->id);
  return TRUE;
}

static void
disp_stop (AtrTestRdpPeer *peer,
           gpointer        state)
{
  DispPart *part = state;

  (void) peer;
  if (part == NULL)
    return;
  if (part->disp != NULL)
    {
      part->disp->Close (part->disp);
      disp_server_context_free (part->disp);
    }
  g_free (part);
}

const AtrTestRdpPart atr_test_rdp_disp_part = {
  .name = "disp",
  .options = disp_options,
  .start = disp_start,
  .created = disp_created,
  .turn = disp_turn,
  .stop = disp_stop,
};
