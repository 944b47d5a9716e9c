/* atr-session-view.c — the remote desktop as a widget: pixels out, keys and pointer in
 *
 * Frames: the session's frame-updated damage goes into an AtrFramebufferPaintable (tiles),
 * drawn through an AtrViewTransform; the same transform maps the pointer back, so a click
 * lands on the pixel it was drawn on. Keys: GDK hardware keycodes (evdev + 8) through the
 * scan code table; the view consumes them all while focused (only the window's capture-phase
 * shortcuts, such as F11, come first), inhibits the compositor's system shortcuts, and
 * releases every key it pressed when focus leaves, so no key sticks on the server. Key
 * repeat is the platform's: each repeated press is sent as another key-down, as a keyboard
 * does. Wheel notches are 120 RDP units; smooth (touchpad) scrolling accumulates.
 *
 * Pointer: the server's shapes (pointer-changed) become the widget's cursor, a GdkCursor
 * made from the straight-BGRA image and its hotspot; hidden means the "none" cursor, default
 * the inherited one. Dynamic resolution: the allocated size in device pixels (debounced 300 ms) becomes the
 * desktop size while the session is idle, and a resize request (Display Control channel,
 * debounced again by the engine) while it runs; the paintable follows the size the server
 * actually gives (frame-updated at the new size). Text clipboard: see watch_clipboard().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-framebuffer-paintable.h"
#include "atr-renderer.h"
#include "atr-scancode-table.h"
#include "atr-session-view.h"

#define RESIZE_DEBOUNCE_MS 300
#define WHEEL_NOTCH 120
/* Touchpads scroll in surface pixels: this many make one wheel notch. */
#define PIXELS_PER_NOTCH 24.0
#define N_KEYS 256

struct _AtrSessionView
{
  GtkWidget                parent_instance;

  AtrRdpSession           *session;
  AtrFramebufferPaintable *paintable;
  AtrViewScaleMode         mode;

  double                   pointer_x;   /* last pointer position, widget coordinates */
  double                   pointer_y;
  guint                    buttons_down;
  double                   scroll_rest_x;  /* RDP units not sent yet */
  double                   scroll_rest_y;
  guint8                   keys_down[N_KEYS];   /* by evdev code */
  gboolean                 inhibiting;
  guint                    resize_id;
  GdkClipboard            *watched;     /* followed while focused, where policy allows */
};

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_SCALE_TO_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtrSessionView, atr_session_view, GTK_TYPE_WIDGET)

static gboolean
compute_transform (AtrSessionView   *self,
                   AtrViewTransform *transform)
{
  return atr_view_transform_compute (transform, self->mode,
                                     gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self)),
                                     gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (self->paintable)),
                                     gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (self->paintable)));
}

/* --- frames ------------------------------------------------------------------------- */

/* Copies @rects (or the whole framebuffer when @rects is NULL) into the paintable. */
static void
pull_frame (AtrSessionView   *self,
            const AtrRdpRect *rects,
            guint             n_rects)
{
  const guint8 *data;
  guint width, height;
  gsize stride;
  cairo_rectangle_int_t stack[64];
  g_autofree cairo_rectangle_int_t *heap = NULL;
  cairo_rectangle_int_t *converted = stack;

  if (self->session == NULL)
    return;
  if (n_rects > G_N_ELEMENTS (stack))
    converted = heap = g_new (cairo_rectangle_int_t, n_rects);
  for (guint i = 0; i < n_rects; i++)
    converted[i] = (cairo_rectangle_int_t) { rects[i].x, rects[i].y, rects[i].width,
                                             rects[i].height };

  if (atr_rdp_session_lock_framebuffer (self->session, &data, &width, &height, &stride) &&
      width > 0 && height > 0)
    {
      cairo_rectangle_int_t all = { 0, 0, (int) width, (int) height };

      if (rects == NULL)
        atr_framebuffer_paintable_update (self->paintable, data, width, height, stride, &all, 1);
      else
        atr_framebuffer_paintable_update (self->paintable, data, width, height, stride,
                                          converted, n_rects);
    }
  atr_rdp_session_unlock_framebuffer (self->session);
}

/* Tiles need a 1 px margin only when drawn scaled; a change rebuilds them all. */
static void
update_overlap (AtrSessionView *self)
{
  AtrViewTransform transform;
  gboolean overlap;

  if (!compute_transform (self, &transform))
    return;
  overlap = transform.scale != 1.0;
  if (overlap == atr_framebuffer_paintable_get_overlap (self->paintable))
    return;
  atr_framebuffer_paintable_set_overlap (self->paintable, overlap);
  pull_frame (self, NULL, 0);
}

static void
frame_updated_cb (AtrRdpSession    *session,
                  const AtrRdpRect *rects,
                  guint             n_rects,
                  AtrSessionView   *self)
{
  int old_width = gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (self->paintable));
  int old_height = gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (self->paintable));

  pull_frame (self, rects, n_rects);
  if (old_width != gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (self->paintable)) ||
      old_height != gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (self->paintable)))
    update_overlap (self);
}

static void
paintable_contents_cb (GdkPaintable   *paintable,
                       AtrSessionView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
paintable_size_cb (GdkPaintable   *paintable,
                   AtrSessionView *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* --- keyboard ----------------------------------------------------------------------- */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AtrSessionView        *self)
{
  AtrScancode scancode;
  guint evdev = keycode - ATR_EVDEV_KEYCODE_OFFSET;

  if (!atr_scancode_from_hardware_keycode (keycode, &scancode))
    {
      g_debug ("No RDP scan code for hardware keycode %u (keyval %s)", keycode,
               gdk_keyval_name (keyval));
      return FALSE;
    }
  if (self->session != NULL)
    atr_rdp_session_send_key (self->session, scancode.code, scancode.extended, TRUE);
  if (evdev < N_KEYS)
    self->keys_down[evdev] = 1;
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 AtrSessionView        *self)
{
  AtrScancode scancode;
  guint evdev = keycode - ATR_EVDEV_KEYCODE_OFFSET;

  if (!atr_scancode_from_hardware_keycode (keycode, &scancode))
    return;
  if (self->session != NULL)
    atr_rdp_session_send_key (self->session, scancode.code, scancode.extended, FALSE);
  if (evdev < N_KEYS)
    self->keys_down[evdev] = 0;
}

/**
 * atr_session_view_release_keys:
 *
 * Sends a key-up for every key the view pressed and has not released (focus loss).
 */
void
atr_session_view_release_keys (AtrSessionView *self)
{
  g_return_if_fail (ATR_IS_SESSION_VIEW (self));

  for (guint evdev = 0; evdev < N_KEYS; evdev++)
    {
      AtrScancode scancode;

      if (!self->keys_down[evdev])
        continue;
      self->keys_down[evdev] = 0;
      if (self->session != NULL && atr_scancode_from_evdev (evdev, &scancode))
        atr_rdp_session_send_key (self->session, scancode.code, scancode.extended, FALSE);
    }
}

/**
 * atr_session_view_send_ctrl_alt_del:
 *
 * Sends the secure attention sequence (which the local system would otherwise take).
 */
void
atr_session_view_send_ctrl_alt_del (AtrSessionView *self)
{
  static const AtrScancode sequence[] = { { 0x1D, FALSE }, { 0x38, FALSE }, { 0x53, TRUE } };

  g_return_if_fail (ATR_IS_SESSION_VIEW (self));

  if (self->session == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sequence); i++)
    atr_rdp_session_send_key (self->session, sequence[i].code, sequence[i].extended, TRUE);
  for (guint i = G_N_ELEMENTS (sequence); i > 0; i--)
    atr_rdp_session_send_key (self->session, sequence[i - 1].code, sequence[i - 1].extended,
                              FALSE);
}

static void
local_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(AtrSessionView) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result,
                                                          &error);
  if (error != NULL)
    g_debug ("No text on the local clipboard: %s", error->message);
  else if (self->session != NULL && self->watched != NULL)   /* still focused */
    atr_rdp_session_set_local_text (self->session, text);
}

static void
local_clipboard_changed_cb (GdkClipboard   *clipboard,
                            AtrSessionView *self)
{
  gdk_clipboard_read_text_async (clipboard, NULL, local_text_cb, g_object_ref (self));
}

/* Local clipboard text goes to the server while focused, where the policy allows it. */
static void
watch_clipboard (AtrSessionView *self,
                 gboolean        watch)
{
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (g_steal_pointer (&self->watched), self);
  if (!watch || self->session == NULL || !atr_rdp_session_get_clipboard (self->session))
    return;
  self->watched = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_signal_connect (self->watched, "changed", G_CALLBACK (local_clipboard_changed_cb), self);
  local_clipboard_changed_cb (self->watched, self);   /* what was copied before focusing */
}

static void
remote_text_cb (AtrRdpSession  *session,
                const char     *text,
                AtrSessionView *self)
{
  if (atr_rdp_session_get_clipboard (session))
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                AtrSessionView          *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  watch_clipboard (self, TRUE);
  /* Not on a seatless display (a headless compositor): GTK 4.8's Wayland backend then
   * fails a critical assertion in gdk_wayland_seat_get_wl_seat(). */
  if (surface != NULL && GDK_IS_TOPLEVEL (surface) && !self->inhibiting &&
      gdk_display_get_default_seat (gdk_surface_get_display (surface)) != NULL)
    {
      gdk_toplevel_inhibit_system_shortcuts (GDK_TOPLEVEL (surface), NULL);
      self->inhibiting = TRUE;
    }
}

static void
restore_shortcuts (AtrSessionView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  if (self->inhibiting && surface != NULL && GDK_IS_TOPLEVEL (surface))
    gdk_toplevel_restore_system_shortcuts (GDK_TOPLEVEL (surface));
  self->inhibiting = FALSE;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                AtrSessionView          *self)
{
  atr_session_view_release_keys (self);
  restore_shortcuts (self);
  watch_clipboard (self, FALSE);
}

/* --- pointer ------------------------------------------------------------------------ */

static gboolean
map_pointer (AtrSessionView *self,
             double          x,
             double          y,
             int            *fb_x,
             int            *fb_y)
{
  AtrViewTransform transform;

  if (self->session == NULL || !compute_transform (self, &transform))
    return FALSE;
  return atr_view_transform_to_framebuffer (&transform, x, y, fb_x, fb_y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AtrSessionView           *self)
{
  int fx = 0, fy = 0;

  self->pointer_x = x;
  self->pointer_y = y;
  /* Over a letterbox bar only while dragging (clamped to the edge). */
  if (map_pointer (self, x, y, &fx, &fy) || (self->buttons_down != 0 && self->session != NULL))
    atr_rdp_session_send_pointer_move (self->session, fx, fy);
}

static guint
rdp_button (guint gdk_button)
{
  switch (gdk_button)
    {
    case GDK_BUTTON_PRIMARY:
      return ATR_RDP_BUTTON_LEFT;
    case GDK_BUTTON_MIDDLE:
      return ATR_RDP_BUTTON_MIDDLE;
    case GDK_BUTTON_SECONDARY:
      return ATR_RDP_BUTTON_RIGHT;
    default:
      return 0;
    }
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  AtrSessionView  *self)
{
  guint button = rdp_button (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)));
  int fx, fy;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == 0 || !map_pointer (self, x, y, &fx, &fy))
    return;
  self->buttons_down |= 1u << button;
  atr_rdp_session_send_button (self->session, fx, fy, button, TRUE);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   AtrSessionView  *self)
{
  guint button = rdp_button (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)));
  int fx = 0, fy = 0;

  if (button == 0 || !(self->buttons_down & (1u << button)))
    return;
  self->buttons_down &= ~(1u << button);
  map_pointer (self, x, y, &fx, &fy);
  if (self->session != NULL)
    atr_rdp_session_send_button (self->session, fx, fy, button, FALSE);
}

/* A gesture that ends without a release (grab broken) must not leave a button down. */
static void
click_cancel_cb (GtkGesture       *gesture,
                 GdkEventSequence *sequence,
                 AtrSessionView   *self)
{
  int fx = 0, fy = 0;

  map_pointer (self, self->pointer_x, self->pointer_y, &fx, &fy);
  for (guint button = ATR_RDP_BUTTON_LEFT; button <= ATR_RDP_BUTTON_RIGHT; button++)
    if (self->buttons_down & (1u << button))
      {
        if (self->session != NULL)
          atr_rdp_session_send_button (self->session, fx, fy, button, FALSE);
        self->buttons_down &= ~(1u << button);
      }
}

/* Sends whole RDP units of @rest (at most one notch per event), keeps the fraction. */
static void
flush_scroll (AtrSessionView *self,
              double         *rest,
              gboolean        horizontal,
              int             fx,
              int             fy)
{
  while (*rest >= 1.0 || *rest <= -1.0)
    {
      int delta = (int) CLAMP (*rest, -WHEEL_NOTCH, WHEEL_NOTCH);

      atr_rdp_session_send_wheel (self->session, fx, fy, delta, horizontal);
      *rest -= delta;
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           AtrSessionView           *self)
{
  double units = WHEEL_NOTCH;
  int fx, fy;

  if (!map_pointer (self, self->pointer_x, self->pointer_y, &fx, &fy))
    return FALSE;
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    units = WHEEL_NOTCH / PIXELS_PER_NOTCH;

  /* GDK: positive dy scrolls down (content up); RDP: positive delta scrolls up. */
  self->scroll_rest_y += -dy * units;
  self->scroll_rest_x += dx * units;   /* RDP: positive horizontal delta scrolls right */
  flush_scroll (self, &self->scroll_rest_y, FALSE, fx, fy);
  flush_scroll (self, &self->scroll_rest_x, TRUE, fx, fy);
  return TRUE;
}

/* --- server pointer ---------------------------------------------------------------- */

static void
apply_pointer (AtrSessionView *self,
               AtrRdpPointer  *pointer)
{
  g_autoptr(GdkCursor) cursor = NULL;

  if (pointer == NULL)
    ;
  else if (atr_rdp_pointer_get_kind (pointer) == ATR_RDP_POINTER_HIDDEN)
    cursor = gdk_cursor_new_from_name ("none", NULL);
  else if (atr_rdp_pointer_get_kind (pointer) == ATR_RDP_POINTER_IMAGE)
    {
      g_autoptr(GdkTexture) texture = NULL;
      gsize stride = 0;
      GBytes *pixels = atr_rdp_pointer_get_pixels (pointer, &stride);
      guint hx = 0, hy = 0;

      atr_rdp_pointer_get_hotspot (pointer, &hx, &hy);
      texture = gdk_memory_texture_new ((int) atr_rdp_pointer_get_width (pointer),
                                        (int) atr_rdp_pointer_get_height (pointer),
                                        GDK_MEMORY_B8G8R8A8, pixels, stride);
      cursor = gdk_cursor_new_from_texture (texture, (int) hx, (int) hy, NULL);
    }
  gtk_widget_set_cursor (GTK_WIDGET (self), cursor);
}

static void
pointer_changed_cb (AtrRdpSession  *session,
                    AtrRdpPointer  *pointer,
                    AtrSessionView *self)
{
  apply_pointer (self, pointer);
}

/* --- dynamic resolution ------------------------------------------------------------- */

static gboolean
resize_timeout_cb (gpointer data)
{
  AtrSessionView *self = data;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  guint width = (guint) CLAMP (gtk_widget_get_width (GTK_WIDGET (self)) * scale, 200, 8192);
  guint height = (guint) CLAMP (gtk_widget_get_height (GTK_WIDGET (self)) * scale, 200, 8192);

  self->resize_id = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;
  if (atr_rdp_session_get_state (self->session) == ATR_RDP_STATE_IDLE)
    atr_rdp_session_set_desktop_size (self->session, width & ~1u, height);
  else if (atr_rdp_session_get_state (self->session) != ATR_RDP_STATE_DISCONNECTED)
    atr_rdp_session_request_resize (self->session, width, height);
  return G_SOURCE_REMOVE;
}

/* --- GtkWidget ---------------------------------------------------------------------- */

static void
atr_session_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtrSessionView *self = ATR_SESSION_VIEW (widget);
  AtrViewTransform transform;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!compute_transform (self, &transform))
    return;
  /* GTK 4.8's cairo renderer converts textures on every draw (atr-framebuffer-paintable.c) */
  atr_framebuffer_paintable_set_cairo_nodes (self->paintable,
                                             atr_renderer_widget_uses_cairo (widget));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (transform.x, transform.y));
  gdk_paintable_snapshot (GDK_PAINTABLE (self->paintable), snapshot, transform.width,
                          transform.height);
  gtk_snapshot_restore (snapshot);
}

static void
atr_session_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  AtrSessionView *self = ATR_SESSION_VIEW (widget);

  *minimum = 1;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL
             ? gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (self->paintable))
             : gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (self->paintable));
  *natural = MAX (*natural, 1);
}

static void
atr_session_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  AtrSessionView *self = ATR_SESSION_VIEW (widget);

  update_overlap (self);
  g_clear_handle_id (&self->resize_id, g_source_remove);
  self->resize_id = g_timeout_add (RESIZE_DEBOUNCE_MS, resize_timeout_cb, self);
}

static void
atr_session_view_unroot (GtkWidget *widget)
{
  AtrSessionView *self = ATR_SESSION_VIEW (widget);

  atr_session_view_release_keys (self);
  restore_shortcuts (self);
  watch_clipboard (self, FALSE);
  GTK_WIDGET_CLASS (atr_session_view_parent_class)->unroot (widget);
}

static void
atr_session_view_dispose (GObject *object)
{
  AtrSessionView *self = ATR_SESSION_VIEW (object);

  g_clear_handle_id (&self->resize_id, g_source_remove);
  atr_session_view_set_session (self, NULL);
  if (self->paintable != NULL)
    g_signal_handlers_disconnect_by_data (self->paintable, self);
  g_clear_object (&self->paintable);
  G_OBJECT_CLASS (atr_session_view_parent_class)->dispose (object);
}

static void
atr_session_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtrSessionView *self = ATR_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SCALE_TO_FIT:
      g_value_set_boolean (value, self->mode == ATR_VIEW_SCALE_FIT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_session_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtrSessionView *self = ATR_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      atr_session_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_SCALE_TO_FIT:
      atr_session_view_set_scale_mode (self, g_value_get_boolean (value)
                                             ? ATR_VIEW_SCALE_FIT : ATR_VIEW_SCALE_ONE_TO_ONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_session_view_class_init (AtrSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_session_view_dispose;
  object_class->get_property = atr_session_view_get_property;
  object_class->set_property = atr_session_view_set_property;
  widget_class->snapshot = atr_session_view_snapshot;
  widget_class->measure = atr_session_view_measure;
  widget_class->size_allocate = atr_session_view_size_allocate;
  widget_class->unroot = atr_session_view_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ATR_TYPE_RDP_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE_TO_FIT] =
    g_param_spec_boolean ("scale-to-fit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "atr-session-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atr_session_view_init (AtrSessionView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->mode = ATR_VIEW_SCALE_FIT;
  self->paintable = atr_framebuffer_paintable_new ();
  g_signal_connect (self->paintable, "invalidate-contents", G_CALLBACK (paintable_contents_cb),
                    self);
  g_signal_connect (self->paintable, "invalidate-size", G_CALLBACK (paintable_size_cb), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  g_signal_connect (click, "cancel", G_CALLBACK (click_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
atr_session_view_new (void)
{
  return g_object_new (ATR_TYPE_SESSION_VIEW, NULL);
}

/**
 * atr_session_view_set_session:
 * @session: (nullable): the session to show and to send input to
 *
 * The picture of the previous session is dropped; the new one's framebuffer (if it has
 * one yet) is shown at once.
 */
void
atr_session_view_set_session (AtrSessionView *self,
                              AtrRdpSession  *session)
{
  g_return_if_fail (ATR_IS_SESSION_VIEW (self));
  g_return_if_fail (session == NULL || ATR_IS_RDP_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      atr_session_view_release_keys (self);
      watch_clipboard (self, FALSE);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
    }
  self->buttons_down = 0;
  self->scroll_rest_x = self->scroll_rest_y = 0;
  atr_framebuffer_paintable_clear (self->paintable);
  apply_pointer (self, session != NULL ? atr_rdp_session_get_pointer (session) : NULL);
  if (session != NULL)
    {
      self->session = g_object_ref (session);
      g_signal_connect (session, "frame-updated", G_CALLBACK (frame_updated_cb), self);
      g_signal_connect (session, "pointer-changed", G_CALLBACK (pointer_changed_cb), self);
      g_signal_connect (session, "remote-text", G_CALLBACK (remote_text_cb), self);
      watch_clipboard (self, gtk_widget_has_focus (GTK_WIDGET (self)));
      pull_frame (self, NULL, 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * atr_session_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
AtrRdpSession *
atr_session_view_get_session (AtrSessionView *self)
{
  g_return_val_if_fail (ATR_IS_SESSION_VIEW (self), NULL);
  return self->session;
}

void
atr_session_view_set_scale_mode (AtrSessionView   *self,
                                 AtrViewScaleMode  mode)
{
  g_return_if_fail (ATR_IS_SESSION_VIEW (self));
  g_return_if_fail (mode == ATR_VIEW_SCALE_FIT || mode == ATR_VIEW_SCALE_ONE_TO_ONE);

  if (self->mode == mode)
    return;
  self->mode = mode;
  update_overlap (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_TO_FIT]);
}

AtrViewScaleMode
atr_session_view_get_scale_mode (AtrSessionView *self)
{
  g_return_val_if_fail (ATR_IS_SESSION_VIEW (self), ATR_VIEW_SCALE_FIT);
  return self->mode;
}

/**
 * atr_session_view_get_paintable:
 *
 * Returns: (transfer none): the framebuffer paintable (tiles), for tests and thumbnails
 */
GdkPaintable *
atr_session_view_get_paintable (AtrSessionView *self)
{
  g_return_val_if_fail (ATR_IS_SESSION_VIEW (self), NULL);
  return GDK_PAINTABLE (self->paintable);
}
