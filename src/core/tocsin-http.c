/* tocsin-http.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-http"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-api-error.h"
#include "tocsin-http.h"

#define READ_CHUNK (64 * 1024)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         max_size;
} Read;

static void
read_free (Read *read)
{
  g_clear_object (&read->message);
  g_clear_object (&read->stream);
  g_clear_pointer (&read->buffer, g_byte_array_unref);
  g_free (read);
}

/* Drops the connection: closing normally would read (skip) the rest of the
 * body; a cancelled close does not. */
static void
abandon_stream (Read *read)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (read->stream == NULL)
    return;
  g_cancellable_cancel (cancelled);
  g_input_stream_close (read->stream, cancelled, NULL);
  g_clear_object (&read->stream);
}

static void
return_error (GTask  *task,
              GError *error)
{
  abandon_stream (g_task_get_task_data (task));
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
return_too_large (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size (read->max_size);

  return_error (task, g_error_new (TOCSIN_API_ERROR, TOCSIN_API_ERROR_TOO_LARGE,
                                   _("The server’s answer is larger than %s; Tocsin refused to read it."),
                                   limit));
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Read *read = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close (read->stream, NULL, NULL);
      g_clear_object (&read->stream);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&read->buffer)),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (read->buffer->len + g_bytes_get_size (chunk) > read->max_size)
    {
      return_too_large (task);
      return;
    }

  g_byte_array_append (read->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (read->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Read *read = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (read->message);
  GError *error = NULL;

  read->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (read->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (read->message)))
    {
      return_error (task, g_error_new_literal (TOCSIN_API_ERROR, TOCSIN_API_ERROR_REDIRECT,
                                               _("The server sent Tocsin to another address. Tocsin does not "
                                                 "follow such redirects, so your sign-in is never sent "
                                                 "elsewhere. Check the server addresses in Preferences and "
                                                 "any proxy in between.")));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) read->max_size)
    {
      return_too_large (task);
      return;
    }

  read->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (read->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

/**
 * tocsin_http_send_async:
 * @message: the request; its status and headers are set when this completes
 * @max_size: the most body bytes to accept
 *
 * Sends @message and reads its whole body. A redirect is an error
 * (%TOCSIN_API_ERROR_REDIRECT): libsoup before 3.6.5 keeps a hand-set
 * Authorization header when it follows one to another origin, and a 307
 * would post the client secret there too. A body larger than @max_size is
 * %TOCSIN_API_ERROR_TOO_LARGE, noticed before it is all read. Transport
 * errors (GIO, TLS, libsoup) are returned as they are.
 */
void
tocsin_http_send_async (SoupSession         *session,
                        SoupMessage         *message,
                        gsize                max_size,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Read *read;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (max_size > 0);

  read = g_new0 (Read, 1);
  read->message = g_object_ref (message);
  read->max_size = max_size;
  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_http_send_async);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable, send_cb, task);
}

/* Returns: (transfer full): the body, empty rather than %NULL on success */
GBytes *
tocsin_http_send_finish (SoupSession   *session,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
