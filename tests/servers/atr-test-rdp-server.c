/* atr-test-rdp-server.c — atrium-test-rdp-server: a small RDP server for tests, on FreeRDP
 * 3's server library (libfreerdp-server3), with channels added as parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   atrium-test-rdp-server --cert CRT --key KEY [--port N] [--colour RRGGBB]
 *                          [--resize-colour RRGGBB[,RRGGBB…]] [--suppress-output]
 *                          [part options, see --help]
 *
 * What it does: listens on 127.0.0.1 only (port 0, the default, picks a free one), prints
 * `READY port=N`, and serves each client that connects on a thread of its own: RDP over
 * TLS (no NLA, no standard RDP security), a desktop of the size the client asks for,
 * filled with one solid colour sent as uncompressed surface bits (RDP_CODEC_ID_NONE, in
 * strips of at most 64 KiB); once drdynvc is up it starts its parts (Display Control:
 * atr-test-rdp-server-disp.c; RDPGFX with --gfx: atr-test-rdp-server-gfx.c). A part may
 * ask for a new desktop size: the server then sets
 * it, reactivates the client (DesktopResize) and sends a picture of the new size in the
 * next resize colour (--resize-colour, in turn). Every step is a line on stdout for tests to
 * read:
 *
 *   READY port=N                      listening
 *   CONNECTED peer=I                  a client's TCP connection was accepted
 *   KEYBOARD layout=0xXXXXXXXX peer=I the keyboard layout the client announced
 *   ACTIVATED WxH peer=I              the client (re)activated with this desktop size
 *   PICTURE WxH colour=RRGGBB peer=I  a whole picture was sent
 *   RESIZE WxH peer=I                 the desktop is being resized (DesktopResize sent)
 *   SUPPRESS-OUTPUT allow=0 peer=I    the client asked for no pictures (Suppress Output PDU)
 *   SUPPRESS-OUTPUT allow=1 rect=L,T,R,B peer=I
 *                                     ...and for pictures again: a picture follows
 *   CLOSED peer=I                     the client went
 *   (and each part's own lines)
 *
 * What it does NOT do: NLA or any sign-in, input (keyboard and mouse events are ignored),
 * static virtual channels (no cliprdr), RDPGFX without --gfx (clients then use surface
 * bits), codecs outside RDPGFX, refresh-rect requests, more than one monitor,
 * auto-reconnect cookies, or addresses other than 127.0.0.1. It runs until killed (SIGTERM,
 * SIGINT). Suppress Output is advertised only with --suppress-output (FreeRDP's server
 * library then passes the PDU on; without it, it drops one with a warning on stderr); it
 * answers "allow=1" with a whole picture, whatever the rectangle, and goes on sending
 * pictures on activation and resize while suppressed.
 */
#define G_LOG_DOMAIN "atrium-test-rdp-server"

#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <freerdp/channels/channels.h>
#include <freerdp/channels/drdynvc.h>
#include <freerdp/channels/wtsvc.h>
#include <freerdp/constants.h>
#include <freerdp/crypto/certificate.h>
#include <freerdp/crypto/privatekey.h>
#include <freerdp/listener.h>
#include <freerdp/settings.h>
#include <winpr/synch.h>
#include <winpr/ssl.h>
#include <winpr/wtsapi.h>

#include "atr-test-rdp-server.h"

static const AtrTestRdpPart *const parts[] = { &atr_test_rdp_disp_part,
                                                &atr_test_rdp_gfx_part };
G_STATIC_ASSERT (G_N_ELEMENTS (parts) <= ATR_TEST_RDP_MAX_PARTS);

static char *opt_cert;
static char *opt_key;
static int opt_port;
static char *opt_colour = NULL;
static char *opt_resize_colour = NULL;
static guint32 colour = 0x336699;
static guint32 resize_colours[8] = { 0xcc6633 };
static guint n_resize_colours = 1;
static gboolean opt_suppress_output;

static GMutex say_lock;
static guint peer_count;

void
atr_test_rdp_say (const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  g_mutex_lock (&say_lock);
  vfprintf (stdout, format, args);
  fputc ('\n', stdout);
  fflush (stdout);
  g_mutex_unlock (&say_lock);
  va_end (args);
}

void
atr_test_rdp_peer_request_resize (AtrTestRdpPeer *peer,
                                  guint           width,
                                  guint           height)
{
  g_mutex_lock (&peer->lock);
  peer->resize_pending = TRUE;
  peer->resize_width = width;
  peer->resize_height = height;
  g_mutex_unlock (&peer->lock);
  SetEvent (peer->wake);
}

/* --- pictures ---------------------------------------------------------------------- */

/* The whole desktop in @rgb: uncompressed 32-bit BGRA surface bits, in strips of whole rows
 * of at most 64 KiB (far below any client's multifragment limit). */
static gboolean
send_picture (AtrTestRdpPeer *peer,
              guint32         rgb)
{
  rdpContext *context = &peer->context;
  rdpUpdate *update = context->update;
  guint width = freerdp_settings_get_uint32 (context->settings, FreeRDP_DesktopWidth);
  guint height = freerdp_settings_get_uint32 (context->settings, FreeRDP_DesktopHeight);
  guint rows = MAX (1u, 65536u / (width * 4));
  g_autofree guint8 *pixels = NULL;
  gboolean ok = TRUE;

  if (width == 0 || height == 0)
    return FALSE;
  pixels = g_malloc ((gsize) width * 4 * rows);
  for (gsize i = 0; i < (gsize) width * rows; i++)
    {
      pixels[i * 4] = rgb & 0xFF;
      pixels[i * 4 + 1] = (rgb >> 8) & 0xFF;
      pixels[i * 4 + 2] = (rgb >> 16) & 0xFF;
      pixels[i * 4 + 3] = 0xFF;
    }
  for (guint top = 0; top < height && ok; top += rows)
    {
      guint n = MIN (rows, height - top);
      SURFACE_BITS_COMMAND cmd = { 0 };

      cmd.cmdType = CMDTYPE_SET_SURFACE_BITS;
      cmd.destLeft = 0;
      cmd.destTop = top;
      cmd.destRight = width;
      cmd.destBottom = top + n;
      cmd.bmp.bpp = 32;
      cmd.bmp.codecID = RDP_CODEC_ID_NONE;
      cmd.bmp.width = (UINT16) width;
      cmd.bmp.height = (UINT16) n;
      cmd.bmp.bitmapDataLength = width * 4 * n;
      cmd.bmp.bitmapData = pixels;
      ok = update->SurfaceBits (context, &cmd);
    }
  if (ok)
    atr_test_rdp_say ("PICTURE %ux%u colour=%06x peer=%u", width, height, rgb, peer->id);
  return ok;
}

/* --- one peer ---------------------------------------------------------------------- */

/* Suppress Output (only when advertised; on the peer's thread, inside its receive). */
static BOOL
suppress_output_cb (rdpContext         *context,
                    BYTE                allow,
                    const RECTANGLE_16 *area)
{
  AtrTestRdpPeer *peer = (AtrTestRdpPeer *) context;

  if (!allow)
    {
      atr_test_rdp_say ("SUPPRESS-OUTPUT allow=0 peer=%u", peer->id);
      return TRUE;
    }
  if (area != NULL)
    atr_test_rdp_say ("SUPPRESS-OUTPUT allow=1 rect=%u,%u,%u,%u peer=%u", area->left,
                      area->top, area->right, area->bottom, peer->id);
  else
    atr_test_rdp_say ("SUPPRESS-OUTPUT allow=1 rect=none peer=%u", peer->id);
  /* the picture on the loop's next pass, outside FreeRDP's receive */
  g_mutex_lock (&peer->lock);
  peer->repaint_pending = TRUE;
  g_mutex_unlock (&peer->lock);
  SetEvent (peer->wake);
  return TRUE;
}

static BOOL
peer_context_new (freerdp_peer *client,
                  rdpContext   *context)
{
  AtrTestRdpPeer *peer = (AtrTestRdpPeer *) context;

  g_mutex_init (&peer->lock);
  peer->colour = colour;
  peer->wake = CreateEvent (NULL, TRUE, FALSE, NULL);
  peer->vcm = WTSOpenServerA ((LPSTR) client->context);
  return peer->wake != NULL && peer->vcm != NULL && peer->vcm != INVALID_HANDLE_VALUE;
}

static void
peer_context_free (freerdp_peer *client,
                   rdpContext   *context)
{
  AtrTestRdpPeer *peer = (AtrTestRdpPeer *) context;

  (void) client;
  if (peer->parts_started)
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i]->stop != NULL)
        parts[i]->stop (peer, peer->part_state[i]);
  peer->parts_started = FALSE;
  if (peer->vcm != NULL && peer->vcm != INVALID_HANDLE_VALUE)
    WTSCloseServer (peer->vcm);
  if (peer->wake != NULL)
    CloseHandle (peer->wake);
  g_mutex_clear (&peer->lock);
}

/* The connection sequence is done (once; FreeRDP fails the peer without this callback). */
static BOOL
peer_post_connect (freerdp_peer *client)
{
  AtrTestRdpPeer *peer = (AtrTestRdpPeer *) client->context;

  atr_test_rdp_say ("KEYBOARD layout=0x%08x peer=%u",
                    freerdp_settings_get_uint32 (client->context->settings,
                                                 FreeRDP_KeyboardLayout), peer->id);
  return TRUE;
}

/* Every activation, the first and each after a DesktopResize: a picture of the size. */
static BOOL
peer_activate (freerdp_peer *client)
{
  AtrTestRdpPeer *peer = (AtrTestRdpPeer *) client->context;
  rdpSettings *settings = client->context->settings;

  atr_test_rdp_say ("ACTIVATED %ux%u peer=%u",
                    freerdp_settings_get_uint32 (settings, FreeRDP_DesktopWidth),
                    freerdp_settings_get_uint32 (settings, FreeRDP_DesktopHeight), peer->id);
  return send_picture (peer, peer->colour);
}

static BOOL
dvc_created_cb (void   *userdata,
                UINT32  channel_id,
                INT32   status)
{
  AtrTestRdpPeer *peer = userdata;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i]->created != NULL)
      parts[i]->created (peer, peer->part_state[i], channel_id, status);
  return TRUE;
}

static gboolean
start_parts (AtrTestRdpPeer *peer)
{
  peer->parts_started = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i]->start != NULL && !parts[i]->start (peer, &peer->part_state[i]))
      return FALSE;
  return TRUE;
}

/* A repaint after Suppress Output, then a resize a part asked for. */
static gboolean
resize_if_asked (AtrTestRdpPeer *peer)
{
  rdpContext *context = &peer->context;
  gboolean pending, repaint;
  guint width, height;

  g_mutex_lock (&peer->lock);
  pending = peer->resize_pending;
  width = peer->resize_width;
  height = peer->resize_height;
  peer->resize_pending = FALSE;
  repaint = peer->repaint_pending;
  peer->repaint_pending = FALSE;
  g_mutex_unlock (&peer->lock);
  if (repaint && !send_picture (peer, peer->colour))
    return FALSE;
  if (!pending)
    return TRUE;
  if (width == freerdp_settings_get_uint32 (context->settings, FreeRDP_DesktopWidth) &&
      height == freerdp_settings_get_uint32 (context->settings, FreeRDP_DesktopHeight))
    {
      atr_test_rdp_say ("RESIZE-SKIPPED %ux%u same size peer=%u", width, height, peer->id);
      return TRUE;
    }
  if (!freerdp_settings_set_uint32 (context->settings, FreeRDP_DesktopWidth, width) ||
      !freerdp_settings_set_uint32 (context->settings, FreeRDP_DesktopHeight, height))
    return FALSE;
  /* the resize colours in turn, so that each resize's picture differs from the last */
  peer->colour = resize_colours[peer->resizes++ % n_resize_colours];
  atr_test_rdp_say ("RESIZE %ux%u peer=%u", width, height, peer->id);
  /* Deactivate-all and a new capability exchange; peer_activate runs again at its end. */
  return context->update->DesktopResize (context);
}

static gboolean
configure_peer (freerdp_peer *client)
{
  rdpSettings *settings = client->context->settings;
  rdpPrivateKey *key = freerdp_key_new_from_file (opt_key);
  rdpCertificate *cert = freerdp_certificate_new_from_file (opt_cert);

  if (key == NULL || cert == NULL)
    {
      atr_test_rdp_say ("ERROR cannot read the certificate %s or key %s", opt_cert, opt_key);
      freerdp_key_free (key);
      freerdp_certificate_free (cert);
      return FALSE;
    }
  return freerdp_settings_set_pointer_len (settings, FreeRDP_RdpServerRsaKey, key, 1) &&
         freerdp_settings_set_pointer_len (settings, FreeRDP_RdpServerCertificate, cert, 1) &&
         freerdp_settings_set_bool (settings, FreeRDP_RdpSecurity, FALSE) &&
         freerdp_settings_set_bool (settings, FreeRDP_TlsSecurity, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_NlaSecurity, FALSE) &&
         freerdp_settings_set_uint32 (settings, FreeRDP_ColorDepth, 32) &&
         freerdp_settings_set_bool (settings, FreeRDP_SurfaceCommandsEnabled, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_RefreshRect, FALSE) &&
         freerdp_settings_set_bool (settings, FreeRDP_SuppressOutput, opt_suppress_output);
}

static DWORD WINAPI
peer_thread (LPVOID arg)
{
  freerdp_peer *client = arg;
  AtrTestRdpPeer *peer;
  gboolean dvc_asked = FALSE;
  guint id;

  g_mutex_lock (&say_lock);
  id = ++peer_count;
  g_mutex_unlock (&say_lock);
  atr_test_rdp_say ("CONNECTED peer=%u", id);

  client->ContextSize = sizeof (AtrTestRdpPeer);
  client->ContextNew = peer_context_new;
  client->ContextFree = peer_context_free;
  if (!freerdp_peer_context_new (client))
    {
      freerdp_peer_free (client);
      atr_test_rdp_say ("CLOSED peer=%u", id);
      return 0;
    }
  peer = (AtrTestRdpPeer *) client->context;
  peer->id = id;
  client->PostConnect = peer_post_connect;
  client->Activate = peer_activate;
  client->context->update->SuppressOutput = suppress_output_cb;
  if (!configure_peer (client) || !client->Initialize (client))
    goto out;
  WTSVirtualChannelManagerSetDVCCreationCallback (peer->vcm, dvc_created_cb, peer);

  for (;;)
    {
      HANDLE handles[MAXIMUM_WAIT_OBJECTS] = { 0 };
      DWORD count = client->GetEventHandles (client, handles, 32);
      HANDLE channels = WTSVirtualChannelManagerGetEventHandle (peer->vcm);

      if (count == 0)
        break;
      handles[count++] = channels;
      handles[count++] = peer->wake;
      if (WaitForMultipleObjects (count, handles, FALSE, INFINITE) == WAIT_FAILED)
        break;
      ResetEvent (peer->wake);
      if (!client->CheckFileDescriptor (client))
        break;
      /* drdynvc once the client is active: opened earlier, before the client joined the
       * channel, FreeRDP would never open it (it tries only once) */
      if (!dvc_asked && client->activated &&
          WTSVirtualChannelManagerIsChannelJoined (peer->vcm, DRDYNVC_SVC_CHANNEL_NAME))
        {
          dvc_asked = TRUE;
          if (!WTSVirtualChannelManagerOpen (peer->vcm))
            break;
        }
      if (!WTSVirtualChannelManagerCheckFileDescriptorEx (peer->vcm, FALSE))
        break;
      if (!peer->parts_started &&
          WTSVirtualChannelManagerIsChannelJoined (peer->vcm, DRDYNVC_SVC_CHANNEL_NAME) &&
          WTSVirtualChannelManagerGetDrdynvcState (peer->vcm) == DRDYNVC_STATE_READY &&
          !start_parts (peer))
        break;
      if (peer->parts_started)
        {
          gboolean ok = TRUE;
          for (guint i = 0; i < G_N_ELEMENTS (parts) && ok; i++)
            if (parts[i]->turn != NULL)
              ok = parts[i]->turn (peer, peer->part_state[i]);
          if (!ok)
            break;
        }
      if (!resize_if_asked (peer))
        break;
    }
  client->Disconnect (client);
out:
  freerdp_peer_context_free (client);
  freerdp_peer_free (client);
  atr_test_rdp_say ("CLOSED peer=%u", id);
  return 0;
}

static BOOL
peer_accepted_cb (freerdp_listener *listener,
                  freerdp_peer     *client)
{
  HANDLE thread = CreateThread (NULL, 0, peer_thread, client, 0, NULL);

  (void) listener;
  if (thread == NULL)
    return FALSE;
  CloseHandle (thread);
  return TRUE;
}

/* --- listening ----------------------------------------------------------------------- */

/* A socket listening on 127.0.0.1:@port (0: any free port); the port in @bound. */
static int
listen_loopback (int      port,
                 guint16 *bound)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_port = htons ((guint16) port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0 || listen (fd, 16) != 0 ||
      getsockname (fd, (struct sockaddr *) &addr, &len) != 0)
    {
      close (fd);
      return -1;
    }
  *bound = ntohs (addr.sin_port);
  return fd;
}

static gboolean
parse_colour (const char *text,
              guint32    *rgb)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtoull (text, &end, 16);
  if (strlen (text) != 6 || *end != '\0' || value > 0xFFFFFF)
    return FALSE;
  *rgb = (guint32) value;
  return TRUE;
}

/* A comma-separated list of up to 8 colours into resize_colours. */
static gboolean
parse_colours (const char *text)
{
  g_auto(GStrv) list = NULL;

  if (text == NULL)
    return TRUE;
  list = g_strsplit (text, ",", -1);
  n_resize_colours = g_strv_length (list);
  if (n_resize_colours == 0 || n_resize_colours > G_N_ELEMENTS (resize_colours))
    return FALSE;
  for (guint i = 0; i < n_resize_colours; i++)
    if (!parse_colour (list[i], &resize_colours[i]))
      return FALSE;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_cert, "TLS certificate (PEM)", "CRT" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &opt_key, "Its RSA key (PEM)", "KEY" },
    { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Port on 127.0.0.1 (default: any free one)", "N" },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &opt_colour, "The desktop's colour (default 336699)", "RRGGBB" },
    { "resize-colour", 0, 0, G_OPTION_ARG_STRING, &opt_resize_colour, "Its colours after each resize, in turn (default cc6633)", "RRGGBB[,RRGGBB…]" },
    { "suppress-output", 0, 0, G_OPTION_ARG_NONE, &opt_suppress_output, "Advertise Suppress Output and report each PDU", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a small RDP server for tests");
  g_autoptr(GError) error = NULL;
  freerdp_listener *listener;
  guint16 port = 0;
  int fd;

  g_option_context_add_main_entries (context, entries, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GOptionGroup *group = g_option_group_new (parts[i]->name, parts[i]->name,
                                                "Show this part's options", NULL, NULL);
      g_option_group_add_entries (group, parts[i]->options);
      g_option_context_add_group (context, group);
    }
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "atrium-test-rdp-server: %s\n", error->message);
      return 2;
    }
  if (opt_cert == NULL || opt_key == NULL || opt_port < 0 || opt_port > G_MAXUINT16 ||
      !parse_colour (opt_colour, &colour) || !parse_colours (opt_resize_colour))
    {
      fprintf (stderr, "atrium-test-rdp-server: need --cert and --key, a port in 0..65535 "
                       "and colours as RRGGBB\n");
      return 2;
    }

  WTSRegisterWtsApiFunctionTable (FreeRDP_InitWtsApi ());
  winpr_InitializeSSL (WINPR_SSL_INIT_DEFAULT);
  fd = listen_loopback (opt_port, &port);
  listener = freerdp_listener_new ();
  if (fd < 0 || listener == NULL || !listener->OpenFromSocket (listener, fd))
    {
      fprintf (stderr, "atrium-test-rdp-server: cannot listen on 127.0.0.1:%d\n", opt_port);
      return 1;
    }
  listener->PeerAccepted = peer_accepted_cb;
  atr_test_rdp_say ("READY port=%u", port);

  for (;;)
    {
      HANDLE handles[32] = { 0 };
      DWORD count = listener->GetEventHandles (listener, handles, 32);

      if (count == 0 || WaitForMultipleObjects (count, handles, FALSE, INFINITE) == WAIT_FAILED ||
          !listener->CheckFileDescriptor (listener))
        break;
    }
  listener->Close (listener);
  freerdp_listener_free (listener);
  return 1;
}
