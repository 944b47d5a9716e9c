/* atr-cli-list-output.h — how atrium-cli list prints a feed, for people and for machines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "atr-feed-client.h"

G_BEGIN_DECLS

void      atr_cli_list_write_json  (AtrFeedResult *result,
                                    FILE          *out);
void      atr_cli_list_print_json  (AtrFeedResult *result);
void      atr_cli_list_print_text  (AtrFeedResult *result);

G_END_DECLS
