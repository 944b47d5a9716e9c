/* atr-test-rdp-server.h — atrium-test-rdp-server: a small RDP server on FreeRDP 3's server
 * library, made of a core (listener, peers, pictures, desktop resize) and channel parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A part adds one channel to the server (Display Control and RDPGFX today; RAIL, rdpsnd,
 * audin, rdpdr later). It brings its command-line options and hooks the core calls on the
 * peer's thread: start once drdynvc is ready, created when the client answers a dynamic
 * channel's creation, turn on every pass of the peer's loop, stop when the peer goes. A part
 * reports what happens as lines on stdout through atr_test_rdp_say(), which tests read.
 */
#pragma once

#include <glib.h>

#include <freerdp/freerdp.h>
#include <freerdp/peer.h>

G_BEGIN_DECLS

#define ATR_TEST_RDP_MAX_PARTS 8

typedef struct _AtrTestRdpPeer AtrTestRdpPeer;

typedef struct
{
  const char *name;
  /* NULL-terminated; their arg_data point at the part's own statics */
  const GOptionEntry *options;
  /* drdynvc is ready: open the part's channel. FALSE drops the peer. */
  gboolean (*start)   (AtrTestRdpPeer *peer,
                       gpointer       *state);
  /* The client answered the creation of dynamic channel @channel_id (0 = created). */
  void     (*created) (AtrTestRdpPeer *peer,
                       gpointer        state,
                       guint32         channel_id,
                       gint32          status);
  /* Each pass of the peer's loop. FALSE drops the peer. */
  gboolean (*turn)    (AtrTestRdpPeer *peer,
                       gpointer        state);
  void     (*stop)    (AtrTestRdpPeer *peer,
                       gpointer        state);
} AtrTestRdpPart;

struct _AtrTestRdpPeer
{
  rdpContext context;   /* first: FreeRDP allocates the peer context with this size */
  HANDLE     vcm;       /* the virtual channel manager (WTSOpenServerA) */
  guint      id;        /* 1, 2, … in the order peers came */
  HANDLE     wake;      /* set from any thread to run the peer's loop */
  GMutex     lock;      /* guards the pending resize and repaint */
  gboolean   repaint_pending;   /* Suppress Output allowed pictures again: send one */
  gboolean   resize_pending;
  guint      resize_width;
  guint      resize_height;
  guint32    colour;    /* RGB of the picture sent on each activation */
  guint      resizes;   /* resizes done: the next resize colour */
  gboolean   parts_started;
  gpointer   part_state[ATR_TEST_RDP_MAX_PARTS];
};

/* Prints one line on stdout at once (any thread; lines never interleave). */
void atr_test_rdp_say                 (const char *format,
                                       ...) G_GNUC_PRINTF (1, 2);

/* Asks the peer's loop to resize the desktop to @width x @height (any thread): it sets the
 * desktop size, reactivates the client (DesktopResize) and sends a picture of the new size
 * in the next resize colour. */
void atr_test_rdp_peer_request_resize (AtrTestRdpPeer *peer,
                                       guint           width,
                                       guint           height);

/* The parts (one file each) */
extern const AtrTestRdpPart atr_test_rdp_disp_part;
extern const AtrTestRdpPart atr_test_rdp_gfx_part;

G_END_DECLS
