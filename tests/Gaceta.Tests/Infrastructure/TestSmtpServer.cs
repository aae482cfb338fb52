using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Gaceta.Mail;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Gaceta.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback socket, keeping every message it accepts for the tests to read.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public TestSmtpServer()
        : this(FreePort())
    {
    }

    /// <summary>A server on a given port, for example to stand in for one that went away and came back.</summary>
    public TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>
    /// Decides the answer to a message by its recipient and how many times that recipient has been tried (1 for
    /// the first): null accepts it; a response refuses it, as a real server would with 4xx or 5xx.
    /// </summary>
    public Func<string, int, SmtpResponse?>? Script { get => _store.Script; set => _store.Script = value; }

    /// <summary>When set, the server drops the connection instead of answering the message with this number (1 is the first).</summary>
    public int? DropConnectionAtMessage { get => _store.DropAt; set => _store.DropAt = value; }

    /// <summary>Called with each accepted message's recipient, for tests that act while a send is under way.</summary>
    public Action<string>? OnAccepted { get => _store.OnAccepted; set => _store.OnAccepted = value; }

    /// <summary>How many copies were accepted for each recipient.</summary>
    public IReadOnlyDictionary<string, int> CountsByRecipient =>
        _store.Messages.SelectMany(m => m.To.Mailboxes).GroupBy(b => b.Address.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Messages accepted so far for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        _store.Messages.Where(m => m.To.Mailboxes.Any(b => EmailAddress.Key(b.Address) == EmailAddress.Key(address))).ToList();

    /// <summary>Waits until a message to <paramref name="address"/> has arrived.</summary>
    public Task<MimeMessage> WaitForAsync(string address, TimeSpan? timeout = null) => WaitForAsync(address, _ => true, timeout);

    /// <summary>Waits until a message to <paramref name="address"/> that <paramref name="matches"/> has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool> matches, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (To(address).FirstOrDefault(matches) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No mail to {address} arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public Func<string, int, SmtpResponse?>? Script { get; set; }

        public Action<string>? OnAccepted { get; set; }

        public int? DropAt { get; set; }

        private int _received;

        private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.OrdinalIgnoreCase);

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _received) == DropAt)
            {
                // The session ends without an answer, as when a relay restarts or a network path breaks.
                context.Pipe.Dispose();
                throw new IOException("Connection dropped by the test server.");
            }

            var recipient = transaction.To.Count > 0 ? $"{transaction.To[0].User}@{transaction.To[0].Host}" : string.Empty;
            var attempt = _attempts.AddOrUpdate(recipient, 1, (_, n) => n + 1);
            if (Script?.Invoke(recipient, attempt) is { } refusal)
            {
                return refusal;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            OnAccepted?.Invoke(recipient);
            return SmtpResponse.Ok;
        }
    }
}
