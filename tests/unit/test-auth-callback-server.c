/* test-auth-callback-server.c: the loopback server that receives the sign-in
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "tocsin-auth-error.h"
#include "tocsin-auth-request.h"
#include "tocsin-callback-server.h"

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} Fetch;

static gboolean
guard_timeout_cb (gpointer data)
{
  g_error ("Test took too long");
  return G_SOURCE_REMOVE;
}

static void
spin_until (gboolean *flag)
{
  guint guard = g_timeout_add_seconds (20, guard_timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &fetch->error);
  fetch->done = TRUE;
}

/* Sends a bodiless @method request to @url while the main loop (and so the
 * server) runs. */
static guint
fetch_method (const char  *method,
              const char  *url,
              char       **body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  Fetch data = { 0 };
  guint status;

  g_assert_nonnull (message);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_fetched_cb, &data);
  spin_until (&data.done);

  if (data.error != NULL)
    {
      g_error_free (data.error);
      g_clear_pointer (&data.bytes, g_bytes_unref);
      return 0;
    }

  status = soup_message_get_status (message);
  if (body != NULL)
    {
      gsize len;
      const char *text = g_bytes_get_data (data.bytes, &len);

      *body = g_strndup (text, len);
    }
  g_bytes_unref (data.bytes);

  return status;
}

static guint
fetch (const char  *url,
       char       **body)
{
  return fetch_method ("GET", url, body);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
have_ipv6_loopback (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

  return socket != NULL && g_socket_bind (socket, any, FALSE, NULL);
}

typedef struct
{
  gboolean  done;
  char     *code;
  GError   *error;
  guint     rejected;
} Wait;

static void
on_wait_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->code = tocsin_callback_server_wait_finish (TOCSIN_CALLBACK_SERVER (object), result, &wait->error);
  wait->done = TRUE;
}

static void
on_rejected_cb (TocsinCallbackServer *server,
                const GError         *error,
                Wait                 *wait)
{
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE);
  wait->rejected++;
}

static TocsinCallbackServer *
start_server (const char          *host,
              guint                port,
              TocsinAuthRequest  **request_out,
              Wait                *wait)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = g_strdup_printf ("http://%s:%u/callback", host, port);
  g_autoptr(TocsinAuthRequest) request = NULL;
  TocsinCallbackServer *server;

  request = tocsin_auth_request_new ("https://auth.example.test", "client", redirect, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (tocsin_callback_server_handles_uri (redirect));

  server = tocsin_callback_server_new (request);
  g_signal_connect (server, "rejected", G_CALLBACK (on_rejected_cb), wait);
  tocsin_callback_server_start (server, &error);
  g_assert_no_error (error);
  g_assert_true (tocsin_callback_server_is_running (server));
  tocsin_callback_server_wait_async (server, NULL, on_wait_cb, wait);

  *request_out = g_steal_pointer (&request);
  return server;
}

static gboolean
not_running (TocsinCallbackServer *server)
{
  guint guard = g_timeout_add_seconds (20, guard_timeout_cb, NULL);

  while (tocsin_callback_server_is_running (server))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  return TRUE;
}

static void
test_handles_uri (void)
{
  g_assert_true (tocsin_callback_server_handles_uri ("http://localhost:8976/callback"));
  g_assert_true (tocsin_callback_server_handles_uri ("http://127.0.0.1:1/x"));
  g_assert_true (tocsin_callback_server_handles_uri ("http://[::1]:1/x"));
  g_assert_false (tocsin_callback_server_handles_uri ("https://localhost:8976/callback"));
  g_assert_false (tocsin_callback_server_handles_uri ("http://example.com:8976/callback"));
  g_assert_false (tocsin_callback_server_handles_uri ("tocsin://callback"));
}

static void
test_only_valid_completes (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  Wait wait = { 0 };

  server = start_server ("localhost", port, &request, &wait);

  /* Another path: 404, nothing happens. */
  url = g_strdup_printf ("http://127.0.0.1:%u/other?code=x&state=%s", port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 404);
  g_clear_pointer (&url, g_free);
  url = g_strdup_printf ("http://127.0.0.1:%u/?code=x&state=%s", port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 404);
  g_clear_pointer (&url, g_free);

  /* Wrong state: 400, no echo, still waiting. */
  url = g_strdup_printf ("http://127.0.0.1:%u/callback?code=EVILCODE&state=EVILSTATE", port);
  g_assert_cmpuint (fetch (url, &body), ==, 400);
  g_assert_null (strstr (body, "EVIL"));
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&body, g_free);
  g_assert_cmpuint (wait.rejected, ==, 1);
  g_assert_false (wait.done);
  g_assert_true (tocsin_callback_server_is_running (server));

  /* The valid callback: 200, page without the code, wait completes. */
  url = g_strdup_printf ("http://127.0.0.1:%u/callback?code=GOODCODE&state=%s",
                         port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, &body), ==, 200);
  g_assert_null (strstr (body, "GOODCODE"));
  g_assert_null (strstr (body, tocsin_auth_request_get_state (request)));
  g_assert_nonnull (strstr (body, "close this tab"));
  spin_until (&wait.done);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.code, ==, "GOODCODE");

  /* And it stops listening. */
  g_assert_true (not_running (server));
  g_assert_cmpuint (fetch (url, NULL), ==, 0);
  g_free (wait.code);
}

static void
test_denied (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  Wait wait = { 0 };

  server = start_server ("127.0.0.1", port, &request, &wait);
  url = g_strdup_printf ("http://127.0.0.1:%u/callback?error=access_denied&state=%s",
                         port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 200);
  spin_until (&wait.done);
  g_assert_null (wait.code);
  g_assert_error (wait.error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_ACCESS_DENIED);
  g_error_free (wait.error);
  g_assert_true (not_running (server));
}

static void
test_ipv6_localhost (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  Wait wait = { 0 };

  if (!have_ipv6_loopback ())
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }

  server = start_server ("localhost", port, &request, &wait);
  url = g_strdup_printf ("http://[::1]:%u/callback?code=V6CODE&state=%s",
                         port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 200);
  spin_until (&wait.done);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.code, ==, "V6CODE");
  g_free (wait.code);
}

static void
test_ipv4_only_for_127 (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  Wait wait = { 0 };

  if (!have_ipv6_loopback ())
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }

  /* 127.0.0.1 means exactly that address: nothing listens on [::1]. */
  server = start_server ("127.0.0.1", port, &request, &wait);
  url = g_strdup_printf ("http://[::1]:%u/callback?code=X&state=%s", port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 0);
  g_assert_false (wait.done);
}

/* ---- hostile clients ---------------------------------------------------- */

static gsize
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kb = 0;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  line += strlen ("VmRSS:");
  while (g_ascii_isspace (*line))
    line++;
  kb = g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (kb, >, 0);
  return (gsize) kb;
}

static GSocketConnection *
connect_to (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

#define FLOOD_CHUNK (64 * 1024)
#define FLOOD_TOTAL (300 * 1024 * 1024)

/* A chunked POST of FLOOD_TOTAL bytes, generated one chunk at a time. */
typedef struct
{
  GSocketConnection *connection;
  char              *head;
  GBytes            *chunk;
  guint64            sent;
  gboolean           done;
  GError            *error;
} Flood;

static void
on_flood_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Flood *flood = user_data;
  GOutputStream *out = G_OUTPUT_STREAM (object);
  static const char end[] = "0\r\n\r\n";

  if (!g_output_stream_write_all_finish (out, result, NULL, &flood->error))
    {
      flood->done = TRUE;
      return;
    }
  if (flood->sent >= FLOOD_TOTAL)
    {
      /* The end marker went out: all of it was accepted. */
      flood->done = TRUE;
      return;
    }
  flood->sent += FLOOD_CHUNK;
  if (flood->sent >= FLOOD_TOTAL)
    g_output_stream_write_all_async (out, end, sizeof end - 1, G_PRIORITY_DEFAULT, NULL,
                                     on_flood_written_cb, flood);
  else
    g_output_stream_write_all_async (out, g_bytes_get_data (flood->chunk, NULL), g_bytes_get_size (flood->chunk),
                                     G_PRIORITY_DEFAULT, NULL, on_flood_written_cb, flood);
}

static void
flood_start (Flood      *flood,
             guint       port,
             const char *path)
{
  g_autoptr(GString) chunk = g_string_new (NULL);
  GOutputStream *out;

  g_string_append_printf (chunk, "%x\r\n", FLOOD_CHUNK);
  for (guint i = 0; i < FLOOD_CHUNK; i++)
    g_string_append_c (chunk, 'A' + i % 26);
  g_string_append (chunk, "\r\n");
  flood->chunk = g_string_free_to_bytes (g_steal_pointer (&chunk));
  flood->head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                 "Content-Type: application/octet-stream\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n", path, port);
  flood->connection = connect_to (port);
  out = g_io_stream_get_output_stream (G_IO_STREAM (flood->connection));
  /* The headers, then chunk after chunk from the callback. */
  g_output_stream_write_all_async (out, flood->head, strlen (flood->head), G_PRIORITY_DEFAULT, NULL,
                                   on_flood_written_cb, flood);
}

static void
flood_clear (Flood *flood)
{
  g_clear_object (&flood->connection);
  g_clear_pointer (&flood->head, g_free);
  g_clear_pointer (&flood->chunk, g_bytes_unref);
  g_clear_error (&flood->error);
}

/* A request whose headers arrive one byte a second, and a read that notices
 * when the server closes the connection. */
typedef struct
{
  GSocketConnection *connection;
  char              *request;
  gsize              pos;
  guint              source;
  char               buffer[256];
  gboolean           closed;
  gint64             closed_at;
} Drip;

static void
drip_closed (Drip *drip)
{
  if (drip->closed)
    return;
  drip->closed = TRUE;
  drip->closed_at = g_get_monotonic_time ();
}

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (drip->connection));

  if (drip->closed || drip->request[drip->pos] == '\0' ||
      g_output_stream_write (out, drip->request + drip->pos, 1, NULL, NULL) != 1)
    {
      drip->source = 0;
      return G_SOURCE_REMOVE;
    }
  drip->pos++;
  return G_SOURCE_CONTINUE;
}

static void
on_drip_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Drip *drip = user_data;

  /* An answer, an end or an error all mean the server is done with it. */
  g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  drip_closed (drip);
}

static void
drip_start (Drip  *drip,
            guint  port)
{
  drip->connection = connect_to (port);
  /* Long enough to outlast any deadline; it would be refused anyway. */
  drip->request = g_strdup_printf ("GET /callback?code=DRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIP"
                                   "&state=DRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIPDRIP HTTP/1.1\r\n"
                                   "Host: 127.0.0.1:%u\r\n\r\n", port);
  drip->source = g_timeout_add_seconds (1, drip_cb, drip);
  drip_cb (drip);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (drip->connection)),
                             drip->buffer, sizeof drip->buffer, G_PRIORITY_DEFAULT, NULL,
                             on_drip_read_cb, drip);
}

static void
drip_clear (Drip *drip)
{
  g_clear_handle_id (&drip->source, g_source_remove);
  g_clear_object (&drip->connection);
  g_clear_pointer (&drip->request, g_free);
}

/* A raw request; returns everything the server sent until it closed. */
typedef struct
{
  GString  *received;
  char      buffer[4096];
  gboolean  closed;
} Raw;

static void
on_raw_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Raw *raw = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      raw->closed = TRUE;
      return;
    }
  g_string_append_len (raw->received, raw->buffer, n);
  g_input_stream_read_async (G_INPUT_STREAM (object), raw->buffer, sizeof raw->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_raw_read_cb, raw);
}

static char *
raw_until_closed (guint       port,
                  const char *request)
{
  g_autoptr(GSocketConnection) connection = connect_to (port);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GError) error = NULL;
  Raw raw = { g_string_new (NULL), { 0 }, FALSE };
  gint64 start = g_get_monotonic_time ();

  g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)), raw.buffer,
                             sizeof raw.buffer, G_PRIORITY_DEFAULT, NULL, on_raw_read_cb, &raw);
  spin_until (&raw.closed);
  /* Closed after the answer, not by the header deadline. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  return g_string_free (raw.received, FALSE);
}

static void
test_refusals_close (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *not_found = NULL;
  g_autofree char *not_allowed = NULL;
  g_autofree char *too_large = NULL;
  Wait wait = { 0 };

  server = start_server ("localhost", port, &request, &wait);

  /* Each refusal is answered, then the server closes, though the client
   * asked to keep the connection open. */
  not_found = raw_until_closed (port, "GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n"
                                      "Connection: keep-alive\r\n\r\n");
  g_assert_true (g_str_has_prefix (not_found, "HTTP/1.1 404 "));
  not_allowed = raw_until_closed (port, "HEAD /callback HTTP/1.1\r\nHost: localhost\r\n"
                                        "Connection: keep-alive\r\n\r\n");
  g_assert_true (g_str_has_prefix (not_allowed, "HTTP/1.1 405 "));
  /* With a body in the same packet the close may reset the connection
   * before the answer is read; here the body never comes. */
  too_large = raw_until_closed (port, "PUT /callback HTTP/1.1\r\nHost: localhost\r\n"
                                      "Content-Length: 1000000\r\n\r\n");
  g_assert_true (g_str_has_prefix (too_large, "HTTP/1.1 413 "));

  g_assert_false (wait.done);
  g_assert_true (tocsin_callback_server_is_running (server));
}

static void
test_body_not_read (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  Flood flood = { 0 };
  Drip drip = { 0 };
  Wait wait = { 0 };
  gsize rss_before;

  server = start_server ("localhost", port, &request, &wait);
  rss_before = rss_kb ();
  drip_start (&drip, port);

  /* 300 MB to the callback path itself: cut off after the headers. */
  flood_start (&flood, port, "/callback");
  spin_until (&flood.done);
  g_test_message ("flood: %" G_GUINT64_FORMAT " bytes sent, RSS %" G_GSIZE_FORMAT " kB -> %" G_GSIZE_FORMAT " kB",
                  flood.sent, rss_before, rss_kb ());
  g_assert_cmpuint (rss_kb (), <, rss_before + 8 * 1024);
  g_assert_nonnull (flood.error);
  g_assert_cmpuint (flood.sent, <, FLOOD_TOTAL);

  /* A bodiless request of another method is refused without a body too. */
  url = g_strdup_printf ("http://127.0.0.1:%u/callback?code=x&state=%s", port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch_method ("DELETE", url, NULL), ==, 405);

  /* The slow client is still dripping; the browser's callback is served. */
  g_assert_false (drip.closed);
  g_assert_false (wait.done);
  g_clear_pointer (&url, g_free);
  url = g_strdup_printf ("http://127.0.0.1:%u/callback?code=GOODCODE&state=%s",
                         port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 200);
  spin_until (&wait.done);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.code, ==, "GOODCODE");
  g_assert_cmpuint (rss_kb (), <, rss_before + 8 * 1024);

  g_free (wait.code);
  flood_clear (&flood);
  drip_clear (&drip);
}

static void
test_slow_client_cut_off (void)
{
  guint port = free_port ();
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *url = NULL;
  Drip drip = { 0 };
  Wait wait = { 0 };
  gint64 start;

  server = start_server ("localhost", port, &request, &wait);
  start = g_get_monotonic_time ();
  drip_start (&drip, port);

  /* The server, still waiting for the sign-in, drops it after a while. */
  spin_until (&drip.closed);
  g_test_message ("slow client closed after %.1f s, %" G_GSIZE_FORMAT " bytes",
                  (drip.closed_at - start) / (double) G_USEC_PER_SEC, drip.pos);
  g_assert_cmpuint (drip.pos, <, strlen (drip.request));
  g_assert_true (tocsin_callback_server_is_running (server));
  g_assert_false (wait.done);

  url = g_strdup_printf ("http://127.0.0.1:%u/callback?code=GOODCODE&state=%s",
                         port, tocsin_auth_request_get_state (request));
  g_assert_cmpuint (fetch (url, NULL), ==, 200);
  spin_until (&wait.done);
  g_assert_cmpstr (wait.code, ==, "GOODCODE");

  g_free (wait.code);
  drip_clear (&drip);
}

static void
test_port_in_use (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = NULL;
  g_autoptr(TocsinCallbackServer) server = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *port_text = NULL;
  guint port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (port, >, 0);

  redirect = g_strdup_printf ("http://localhost:%u/callback", port);
  request = tocsin_auth_request_new ("https://auth.example.test", "client", redirect, NULL, FALSE, &error);
  g_assert_no_error (error);
  server = tocsin_callback_server_new (request);

  g_assert_false (tocsin_callback_server_start (server, &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PORT_IN_USE);
  port_text = g_strdup_printf ("%u", port);
  g_assert_nonnull (strstr (error->message, port_text));
  g_assert_nonnull (strstr (error->message, "Callback URL"));
  g_assert_false (tocsin_callback_server_is_running (server));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/callback-server/handles-uri", test_handles_uri);
  g_test_add_func ("/auth/callback-server/only-valid-completes", test_only_valid_completes);
  g_test_add_func ("/auth/callback-server/denied", test_denied);
  g_test_add_func ("/auth/callback-server/ipv6-localhost", test_ipv6_localhost);
  g_test_add_func ("/auth/callback-server/ipv4-only-for-127", test_ipv4_only_for_127);
  g_test_add_func ("/auth/callback-server/port-in-use", test_port_in_use);
  g_test_add_func ("/auth/callback-server/refusals-close", test_refusals_close);
  g_test_add_func ("/auth/callback-server/body-not-read", test_body_not_read);
  g_test_add_func ("/auth/callback-server/slow-client-cut-off", test_slow_client_cut_off);

  return g_test_run ();
}
