/* tocsin-callback-server.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tocsin-auth-error.h"
#include "tocsin-callback-server.h"
#include "tocsin-endpoint.h"

/* Receives the browser's redirect when the callback URL is a loopback http
 * URL. It listens on loopback addresses only (127.0.0.1 and ::1 for
 * "localhost"), answers the one callback whose state matches the pending
 * request, then stops. Callbacks with another state get a 400 and are
 * otherwise ignored, so a stray page cannot end the sign-in. Pages never
 * echo anything from the request.
 *
 * Every local process and web page can reach the port. So the request line
 * and headers are judged before any body is read (an early handler), a
 * request with a body is cut off unread, and a client that does not finish
 * its headers within HEADER_DEADLINE_S loses its connection: a browser sends
 * the whole callback at once. */

/* libsoup 3.2's server has no timeout of its own. */
#define HEADER_DEADLINE_S 10

#define DEADLINE_KEY "tocsin-header-deadline"

struct _TocsinCallbackServer
{
  GObject            parent_instance;

  TocsinAuthRequest *request;
  SoupServer        *server;
  char              *path;
  char              *host;
  guint              port;

  GTask             *wait_task;
  gulong             cancelled_id;
  char              *code;        /* result waiting for wait_async() */
  GError            *error;
  gboolean           completed;
  gboolean           answering;   /* the final page is still being sent */
};

G_DEFINE_FINAL_TYPE (TocsinCallbackServer, tocsin_callback_server, G_TYPE_OBJECT)

enum {
  REJECTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void complete_wait (TocsinCallbackServer *self);

static void
tocsin_callback_server_dispose (GObject *object)
{
  TocsinCallbackServer *self = (TocsinCallbackServer *)object;

  self->answering = FALSE;
  tocsin_callback_server_stop (self);
  g_clear_object (&self->server);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (tocsin_callback_server_parent_class)->dispose (object);
}

static void
tocsin_callback_server_finalize (GObject *object)
{
  TocsinCallbackServer *self = (TocsinCallbackServer *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tocsin_callback_server_parent_class)->finalize (object);
}

static void
tocsin_callback_server_class_init (TocsinCallbackServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_callback_server_dispose;
  object_class->finalize = tocsin_callback_server_finalize;

  /**
   * TocsinCallbackServer::rejected:
   * @error: why the callback was not accepted
   *
   * A request reached the callback path but did not belong to the pending
   * sign-in; the server keeps waiting.
   */
  signals[REJECTED] = g_signal_new ("rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tocsin_callback_server_init (TocsinCallbackServer *self)
{
}

/* Whether @redirect_uri needs a loopback server: http to localhost,
 * 127.0.0.0/8 or ::1. */
gboolean
tocsin_callback_server_handles_uri (const char *redirect_uri)
{
  g_autoptr(GUri) uri = NULL;

  if (redirect_uri == NULL)
    return FALSE;

  uri = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  return uri != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
         tocsin_endpoint_is_loopback_host (g_uri_get_host (uri));
}

TocsinCallbackServer *
tocsin_callback_server_new (TocsinAuthRequest *request)
{
  TocsinCallbackServer *self;
  g_autoptr(GUri) uri = NULL;
  const char *path;

  g_return_val_if_fail (TOCSIN_IS_AUTH_REQUEST (request), NULL);
  g_return_val_if_fail (tocsin_callback_server_handles_uri (tocsin_auth_request_get_redirect_uri (request)), NULL);

  uri = g_uri_parse (tocsin_auth_request_get_redirect_uri (request), G_URI_FLAGS_NONE, NULL);
  path = g_uri_get_path (uri);

  self = g_object_new (TOCSIN_TYPE_CALLBACK_SERVER, NULL);
  self->request = g_object_ref (request);
  self->host = g_strdup (g_uri_get_host (uri));
  self->port = g_uri_get_port (uri) > 0 ? (guint)g_uri_get_port (uri) : 80;
  self->path = g_strdup (path != NULL && *path != '\0' ? path : "/");

  return self;
}

static void
set_page (SoupServerMessage *message,
          guint              status,
          const char        *title,
          const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head>\n"
                          "<body style=\"font-family: sans-serif; margin: 3em;\">"
                          "<h1>%s</h1>\n<p>%s</p></body></html>\n",
                          escaped_title, escaped_title, escaped_text);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8",
                                    SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
stop_idle_cb (gpointer user_data)
{
  tocsin_callback_server_stop (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_final_message_finished_cb (SoupServerMessage    *message,
                              TocsinCallbackServer *self)
{
  /* After the page went out, not before, so the browser gets it. */
  self->answering = FALSE;
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_refusal_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Answers 413 and closes without reading the body. libsoup would read (and
 * keep) any body before answering, so the connection is taken from it. The
 * answer is best effort: closing with the body unread resets the connection,
 * which the client may notice before it reads the answer. */
static void
refuse_body (SoupServerMessage *message)
{
  static const char answer[] = "HTTP/1.1 413 Content Too Large\r\n"
                               "Connection: close\r\nContent-Length: 0\r\n\r\n";
  GIOStream *stream = soup_server_message_steal_connection (message);

  if (stream == NULL)
    return;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), answer, sizeof answer - 1,
                                   G_PRIORITY_DEFAULT, NULL, on_refusal_written_cb, stream);
}

static gboolean
has_body (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      return FALSE;
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    default:
      return TRUE;
    }
}

/* Runs when the headers are in, before libsoup reads any body. A status set
 * here is the answer; the handler below then never runs. */
static void
early_callback (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TocsinCallbackServer *self = user_data;
  guint status;

  if (has_body (message))
    {
      refuse_body (message);
      return;
    }

  if (g_strcmp0 (path, self->path) != 0 || self->completed)
    status = SOUP_STATUS_NOT_FOUND;
  else if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_GET) != 0)
    status = SOUP_STATUS_METHOD_NOT_ALLOWED;
  else
    return;

  /* Refused clients get no idle connection to keep. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");
  soup_server_message_set_status (message, status, NULL);
}

static gboolean
header_deadline_cb (gpointer user_data)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (user_data);

  g_debug ("Closing a callback connection that did not send its request in time");
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
destroy_deadline (gpointer source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
clear_deadline (SoupServerMessage *message)
{
  g_object_set_data (G_OBJECT (message), DEADLINE_KEY, NULL);
}

/* For each request, from the connection (or the request's first byte) on,
 * until its headers are in or the connection is gone (stealing it again
 * then would upset libsoup). */
static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *message)
{
  GSource *deadline = g_timeout_source_new_seconds (HEADER_DEADLINE_S);

  g_source_set_callback (deadline, header_deadline_cb, g_object_ref (message), g_object_unref);
  g_source_attach (deadline, NULL);
  g_object_set_data_full (G_OBJECT (message), DEADLINE_KEY, deadline, destroy_deadline);
  g_signal_connect (message, "got-headers", G_CALLBACK (clear_deadline), NULL);
  g_signal_connect (message, "disconnected", G_CALLBACK (clear_deadline), NULL);
}

/* Only a bodiless GET of the callback path gets here (see early_callback). */
static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TocsinCallbackServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *code = NULL;

  uri = g_uri_to_string (soup_server_message_get_uri (message));
  code = tocsin_auth_request_check_callback (self->request, uri, &error);

  if (g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE))
    {
      set_page (message, SOUP_STATUS_BAD_REQUEST,
                _("Not a current sign-in"),
                _("This page does not belong to the sign-in Tocsin is waiting for. "
                  "Start signing in from Tocsin again."));
      g_signal_emit (self, signals[REJECTED], 0, error);
      return;
    }

  if (code != NULL)
    set_page (message, SOUP_STATUS_OK,
              _("Signed in to Tocsin"),
              _("You can close this tab and return to Tocsin."));
  else
    set_page (message, SOUP_STATUS_OK,
              _("Sign-in not completed"),
              _("You can close this tab. Tocsin shows what went wrong."));

  self->completed = TRUE;
  self->answering = TRUE;
  self->code = g_steal_pointer (&code);
  self->error = g_steal_pointer (&error);
  g_signal_connect_object (message, "finished", G_CALLBACK (on_final_message_finished_cb), self, 0);

  complete_wait (self);
}

static gboolean
listen_on (TocsinCallbackServer  *self,
           const char            *address,
           GError               **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, self->port);

  return soup_server_listen (self->server, socket_address, 0, error);
}

static gboolean
port_error (TocsinCallbackServer  *self,
            GError                *local_error,
            GError               **error)
{
  const char *redirect_uri = tocsin_auth_request_get_redirect_uri (self->request);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PORT_IN_USE,
                 _("Port %u is already in use, so Tocsin cannot receive the sign-in at %s. "
                   "Quit the program that uses the port, or choose another port in the "
                   "“Callback URL” setting (and in your app in the Atlassian developer console)."),
                 self->port, redirect_uri);
  else
    g_set_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_PORT_IN_USE,
                 _("Tocsin cannot listen on port %u for the sign-in at %s (%s). Check the "
                   "“Callback URL” setting."),
                 self->port, redirect_uri, local_error->message);

  g_clear_object (&self->server);
  return FALSE;
}

/**
 * tocsin_callback_server_start:
 *
 * Starts listening. Fails with %TOCSIN_AUTH_ERROR_PORT_IN_USE, naming the
 * port and the "Callback URL" setting.
 */
gboolean
tocsin_callback_server_start (TocsinCallbackServer  *self,
                              GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TOCSIN_IS_CALLBACK_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "Tocsin", NULL);
  soup_server_add_early_handler (self->server, NULL, early_callback, self, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started_cb), NULL);

  if (g_ascii_strcasecmp (self->host, "localhost") == 0)
    {
      /* Browsers may resolve localhost to either family. */
      if (!listen_on (self, "127.0.0.1", &local_error))
        return port_error (self, local_error, error);
      if (!listen_on (self, "::1", &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            return port_error (self, local_error, error);
          /* No IPv6 on this machine: browsers then use IPv4 too. */
          g_debug ("Not listening on [::1]:%u: %s", self->port, local_error->message);
          g_clear_error (&local_error);
        }
    }
  else if (!listen_on (self, self->host, &local_error))
    return port_error (self, local_error, error);

  g_debug ("Waiting for the sign-in callback on port %u", self->port);
  return TRUE;
}

/* Stops listening; a pending wait keeps waiting for another route. While
 * the final page is being sent, stopping waits for it to go out. */
void
tocsin_callback_server_stop (TocsinCallbackServer *self)
{
  g_return_if_fail (TOCSIN_IS_CALLBACK_SERVER (self));

  if (self->answering)
    return;

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

gboolean
tocsin_callback_server_is_running (TocsinCallbackServer *self)
{
  g_return_val_if_fail (TOCSIN_IS_CALLBACK_SERVER (self), FALSE);
  return self->server != NULL;
}

guint
tocsin_callback_server_get_port (TocsinCallbackServer *self)
{
  g_return_val_if_fail (TOCSIN_IS_CALLBACK_SERVER (self), 0);
  return self->port;
}

static GTask *
steal_wait_task (TocsinCallbackServer *self)
{
  GTask *task = g_steal_pointer (&self->wait_task);

  if (task != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;

  return task;
}

static void
complete_wait (TocsinCallbackServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->wait_task == NULL || !self->completed)
    return;

  task = steal_wait_task (self);
  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&self->code), g_free);
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  TocsinCallbackServer *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->wait_task != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (self->wait_task)))
    {
      task = steal_wait_task (self);
      g_task_return_error_if_cancelled (task);
    }

  return G_SOURCE_REMOVE;
}

static void
on_wait_cancelled_cb (GCancellable         *cancellable,
                      TocsinCallbackServer *self)
{
  /* Not from inside the handler: disconnecting there would deadlock. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_idle_cb, g_object_ref (self), g_object_unref);
}

/**
 * tocsin_callback_server_wait_async:
 *
 * Completes when the callback of the pending request arrived: with the code,
 * or with the error it carried (access denied, missing code, expired).
 */
void
tocsin_callback_server_wait_async (TocsinCallbackServer *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TOCSIN_IS_CALLBACK_SERVER (self));
  g_return_if_fail (self->wait_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_callback_server_wait_async);

  if (self->completed && self->code == NULL && self->error == NULL)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE,
                               _("This sign-in response was already used. Sign in again."));
      return;
    }

  self->wait_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_wait_cancelled_cb),
                                                self, NULL);
  complete_wait (self);
}

/* Returns: (transfer full) (nullable): the authorization code */
char *
tocsin_callback_server_wait_finish (TocsinCallbackServer  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
