using Gaceta.Mail;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Gaceta.Tests.Mail;

public sealed class MailTransportTests
{
    [Fact]
    public async Task AKeptSmtpConnectionThatWentStale_IsReplacedAtOnce_WithoutFailingTheMessage()
    {
        var first = new TestSmtpServer();
        var port = first.Port;
        await using var transport = new SmtpMailTransport(Options.Create(new MailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None" },
        }));
        await transport.SendAsync(Message("uno@example.org"), CancellationToken.None);
        await first.WaitForAsync("uno@example.org");

        // The server goes away (as an idle timeout or a restart would end the session) and comes back.
        await first.DisposeAsync();
        await using var second = new TestSmtpServer(port);
        await transport.SendAsync(Message("dos@example.org"), CancellationToken.None);

        await second.WaitForAsync("dos@example.org");
    }

    [Fact]
    public async Task ByDefault_ARelayWithoutStartTls_IsNotSentToInTheClear()
    {
        await using var server = new TestSmtpServer();
        await using var transport = new SmtpMailTransport(Options.Create(new MailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port },
        }));

        await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync(Message("claro@example.org"), CancellationToken.None));
        await Task.Delay(200);
        Assert.Empty(server.To("claro@example.org"));
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage { Subject = "Prueba" };
        message.From.Add(MailboxAddress.Parse("newsletters@gaceta.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Hola" };
        return message;
    }

    [Fact]
    public async Task PickupFiles_CanBeForgottenPerRecipient_AndTheLogNamesNoAddress()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"mail-{Guid.NewGuid():N}");
        var options = new MailOptions { PickupDirectory = folder };
        var log = new ListLogger();
        var transport = new PickupDirectoryMailTransport(Options.Create(options), new FakeTimeProvider(), log);
        await transport.SendAsync(Message("Erased@Example.org"), CancellationToken.None);
        await transport.SendAsync(Message("erased@example.org"), CancellationToken.None);
        await transport.SendAsync(Message("kept@example.org"), CancellationToken.None);

        Assert.Equal(2, PickupDirectoryMailTransport.Forget(options, "erased@example.org"));

        var left = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.Equal("kept@example.org", (await MimeMessage.LoadAsync(left)).To.Mailboxes.Single().Address);
        Assert.Equal(3, log.Lines.Count);
        Assert.All(log.Lines, line => Assert.DoesNotContain("@example.org", line, StringComparison.OrdinalIgnoreCase));
        Directory.Delete(folder, recursive: true);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<PickupDirectoryMailTransport>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public async Task WithoutAnSmtpHost_MessagesAreWrittenAsEmlFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"mail-{Guid.NewGuid():N}");
        var transport = new PickupDirectoryMailTransport(
            Options.Create(new MailOptions { PickupDirectory = folder }),
            new FakeTimeProvider(),
            NullLogger<PickupDirectoryMailTransport>.Instance);
        var message = new MimeMessage { Subject = "Prueba" };
        message.From.Add(MailboxAddress.Parse("newsletters@gaceta.test"));
        message.To.Add(MailboxAddress.Parse("ana@example.org"));
        message.Body = new TextPart("plain") { Text = "Hola" };

        await transport.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal("Prueba", written.Subject);
        Directory.Delete(folder, recursive: true);
    }
}
