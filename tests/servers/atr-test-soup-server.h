/* atr-test-soup-server.h: tear a test SoupServer down without libsoup 3.4–3.6's handshake
 * use-after-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void atr_test_soup_server_track_handshakes (SoupServer *server);
void atr_test_soup_server_drain_handshakes (SoupServer *server);
void atr_test_soup_server_disconnect (SoupServer *server);

G_END_DECLS
