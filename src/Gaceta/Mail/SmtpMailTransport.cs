using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gaceta.Mail;

/// <summary>Sends over SMTP with MailKit, keeping one connection open between messages.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport, IAsyncDisposable
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SmtpClient? _client;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var reused = _client is { IsConnected: true };
            try
            {
                await (await ConnectedClientAsync(cancellationToken)).SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (reused && e is SmtpProtocolException or IOException or ServiceNotConnectedException)
            {
                // Servers close idle connections; a kept connection that went stale gets one fresh try at once.
                await DropAsync();
                await (await ConnectedClientAsync(cancellationToken)).SendAsync(message, cancellationToken);
            }
        }
        catch (SmtpCommandException e)
        {
            // 5xx is final for this message; 4xx may pass later.
            throw new MailDeliveryException(e.Message, (int)e.StatusCode >= 500, e);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            await DropAsync();
            throw new MailDeliveryException(e.Message, isPermanent: false, e);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        await DropAsync();
        var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(_smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        var host = _smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set.");
        // Nagle's algorithm holds back the short end-of-data line until the server acknowledges the body, and
        // servers delay that acknowledgement (40 ms on Linux): one message per round of waiting. Off, a kept
        // connection sends as fast as the relay answers.
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, _smtp.Port, cancellationToken);
            await client.ConnectAsync(socket, host, _smtp.Port, security, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            client.Dispose();
            throw;
        }

        if (!string.IsNullOrEmpty(_smtp.Username))
        {
            await client.AuthenticateAsync(_smtp.Username, _smtp.Password ?? string.Empty, cancellationToken);
        }

        _client = client;
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
        {
            // The connection is gone either way.
        }

        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _lock.Dispose();
    }
}
