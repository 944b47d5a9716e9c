/* atr-rdp-gateway-fixture.h — the routing gateway on a thread of its own, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gateway serves its connections from its own thread and main context, so a test can
 * block in g_subprocess_communicate() (atrium-cli) or spin its own context (the engine)
 * while connections go through it. Routes are fixed before start().
 */
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gio/gio.h>

extern "C" {
#include "atr-test-rdp-gateway.h"
}

class AtrGatewayThread
{
public:
  AtrGatewayThread () { g_mutex_init (&lock_); g_cond_init (&cond_); }
  AtrGatewayThread (const AtrGatewayThread &) = delete;
  AtrGatewayThread &operator= (const AtrGatewayThread &) = delete;
  ~AtrGatewayThread ()
  {
    stop ();
    g_clear_object (&gateway_);
    g_clear_error (&error_);
    g_mutex_clear (&lock_);
    g_cond_clear (&cond_);
  }

  void
  route (const char *token, guint16 port)
  {
    routes_.emplace_back (token, port);
  }

  bool
  start (GError **error)
  {
    thread_ = g_thread_new ("atr-test-gateway", run_cb, this);
    g_mutex_lock (&lock_);
    while (!ready_)
      g_cond_wait (&cond_, &lock_);
    g_mutex_unlock (&lock_);
    if (gateway_ == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&error_));
        stop ();
        return false;
      }
    return true;
  }

  void
  stop ()
  {
    if (thread_ == NULL)
      return;
    if (loop_ != NULL)
      g_main_loop_quit (loop_);
    g_clear_pointer (&thread_, g_thread_join);
  }

  AtrTestRdpGateway *gateway () const { return gateway_; }
  guint16 port () const { return gateway_ ? atr_test_rdp_gateway_get_port (gateway_) : 0; }
  guint routed () const { return atr_test_rdp_gateway_get_routed_count (gateway_); }
  guint refused () const { return atr_test_rdp_gateway_get_refused_count (gateway_); }

  std::string
  last_refusal () const
  {
    g_autofree char *reason = atr_test_rdp_gateway_dup_last_refusal (gateway_);
    return reason ? reason : "";
  }

private:
  static gpointer
  run_cb (gpointer data)
  {
    AtrGatewayThread *self = (AtrGatewayThread *) data;
    GMainContext *context = g_main_context_new ();

    g_main_context_push_thread_default (context);
    self->gateway_ = atr_test_rdp_gateway_new ("127.0.0.1", 0, &self->error_);
    for (auto &r : self->routes_)
      if (self->gateway_ != NULL)
        atr_test_rdp_gateway_add_route (self->gateway_, r.first.c_str (), "127.0.0.1", r.second);
    if (self->gateway_ != NULL)
      self->loop_ = g_main_loop_new (context, FALSE);

    g_mutex_lock (&self->lock_);
    self->ready_ = true;
    g_cond_signal (&self->cond_);
    g_mutex_unlock (&self->lock_);

    if (self->loop_ != NULL)
      {
        g_main_loop_run (self->loop_);
        atr_test_rdp_gateway_stop (self->gateway_);
        /* let the cancelled connections finish before the context goes */
        while (g_main_context_iteration (context, FALSE))
          ;
        g_clear_pointer (&self->loop_, g_main_loop_unref);
      }
    /* the object (and its counters) lives until the fixture goes */
    g_main_context_pop_thread_default (context);
    g_main_context_unref (context);
    return NULL;
  }

  std::vector<std::pair<std::string, guint16>> routes_;
  GThread *thread_ = NULL;
  GMainLoop *loop_ = NULL;
  AtrTestRdpGateway *gateway_ = NULL;
  GError *error_ = NULL;
  GMutex lock_;
  GCond cond_;
  bool ready_ = false;

};
