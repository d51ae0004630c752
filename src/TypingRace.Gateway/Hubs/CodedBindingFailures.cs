using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Hubs;

/// <summary>
/// Wraps a hub protocol so that a call the hub cannot bind (an unknown method, arguments of the wrong type or
/// number) is refused with one of the protocol's codes, like every other refusal, instead of SignalR's sentence
/// with no code. SignalR answers such a call before any hub filter runs, so this is the one place that can say why.
/// A send (no invocation id) gets no answer from SignalR at all; it goes to <see cref="RaceHub.Unreadable"/> instead,
/// which answers a TypeKeys with a keysRefused event.
/// </summary>
public sealed class CodedBindingFailures(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var unread = input.Length;
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            // A whole message SignalR skips (a type it does not know) comes back as false with the input moved past it.
            // SignalR's reader, with a message size limit set, takes false as "wait for more" and reads that message
            // again forever: the connection would answer nothing more. A ping is the message that does nothing.
            if (input.Length < unread)
            {
                message = PingMessage.Instance;
                return true;
            }

            return false;
        }

        message = message switch
        {
            InvocationBindingFailureMessage failure => Refused(failure.InvocationId, failure.Target, Refusal(failure.Target, failure.BindingFailure.SourceException)),
            // The route for unreadable sends is ours: a client naming it is calling a method it does not have.
            HubMethodInvocationMessage call when string.Equals(call.Target, RaceHub.UnreadableMethod, StringComparison.OrdinalIgnoreCase) =>
                Refused(call.InvocationId, call.Target, UnknownMethod(call.Target)),
            StreamInvocationMessage stream => Refused(stream.InvocationId, stream.Target,
                new RaceError(ErrorCodes.UnknownMethod, $"The hub has no streaming methods; call {Shorten(stream.Target)} as an invocation.")),
            InvocationMessage { StreamIds.Length: > 0 } call => Refused(call.InvocationId, call.Target,
                new RaceError(ErrorCodes.BadArguments, $"{Shorten(call.Target)} takes no streams.")),
            _ => message,
        };
        return true;
    }

    /// <summary>An invocation gets its refusal as its answer; a send goes to the hub's route for unreadable sends.</summary>
    private static HubMessage Refused(string? invocationId, string target, RaceError refusal) =>
        invocationId is { Length: > 0 }
            ? new InvocationBindingFailureMessage(invocationId, target, ExceptionDispatchInfo.Capture(new HubException(refusal.ToString())))
            : new InvocationMessage(RaceHub.UnreadableMethod, [target, refusal.Code, refusal.Message]);

    private static RaceError UnknownMethod(string target) =>
        new(ErrorCodes.UnknownMethod, $"The hub has no method '{Shorten(target)}'; docs/protocol.md lists them.");

    /// <summary>SignalR's only HubException while binding is the one for a method the hub does not have.</summary>
    public static RaceError Refusal(string target, Exception cause) =>
        cause is HubException
            ? UnknownMethod(target)
            : new RaceError(ErrorCodes.BadArguments, cause.Message.StartsWith("Invocation provides", StringComparison.Ordinal)
                ? $"{Shorten(target)}: {cause.Message}"
                : $"The arguments of {Shorten(target)} do not have the types docs/protocol.md gives: one is missing, null where it may not be, or of the wrong type.");

    /// <summary>A method name is the caller's text: it goes back to them, but not at any length.</summary>
    private static string Shorten(string target) => target.Length <= 40 ? target : $"{target[..40]}…";

    /// <summary>Registers every hub protocol added so far wrapped, in place of the protocol itself.</summary>
    public static void WrapAll(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHubProtocol)).ToList())
        {
            services.Remove(descriptor);
            var type = descriptor.ImplementationType!;
            services.AddSingleton<IHubProtocol>(provider => new CodedBindingFailures((IHubProtocol)ActivatorUtilities.CreateInstance(provider, type)));
        }
    }
}
