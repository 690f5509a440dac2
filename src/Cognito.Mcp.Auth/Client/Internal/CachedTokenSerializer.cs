using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Cognito.Mcp.Auth.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>
/// Writes a <see cref="CachedToken"/> for the distributed cache as JSON encrypted and authenticated with ASP.NET Core
/// Data Protection, so whoever can read the cache (Redis) reads no token, and whoever can write it cannot plant one.
/// An entry that does not decrypt (another key ring, a tampered or foreign value) reads as a miss: the token is
/// requested again and the entry overwritten. That is logged once per process as a warning, then at Debug level.
/// HybridCache also serializes entries it keeps only in memory, to measure them: without a distributed cache the token is
/// not encrypted (no key ring is made for nothing) and a one-byte stand-in is written, which no cache could turn back
/// into a token.
/// </summary>
internal sealed class CachedTokenSerializer(
    IDataProtectionProvider dataProtection,
    IServiceProvider services,
    IOptions<HybridCacheOptions> hybridCacheOptions,
    ILoggerFactory loggerFactory) : IHybridCacheSerializer<CachedToken>
{
    /// <summary>
    /// The Data Protection purpose: the library, the type and the version of its format. Not the package version, so
    /// instances of different releases keep sharing entries as long as the format is the same.
    /// </summary>
    public const string Purpose = "Cognito.Mcp.Auth.Client.CachedToken.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Cognito.Mcp.Auth.Client.CognitoTokenClient");
    private int _unreadable;
    private bool? _hasDistributedCache;

    /// <summary>The distributed cache HybridCache uses, found as HybridCache finds it (it ignores the in-memory one).</summary>
    private bool HasDistributedCache => _hasDistributedCache ??= (hybridCacheOptions.Value.DistributedCacheServiceKey is { } key
        ? services.GetKeyedService<IDistributedCache>(key)
        : services.GetService<IDistributedCache>()) is not null and not MemoryDistributedCache;

    public void Serialize(CachedToken value, IBufferWriter<byte> target)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(target);
        if (!HasDistributedCache)
        {
            target.Write<byte>([0]);
            return;
        }

        var json = new ArrayBufferWriter<byte>(256 + (value.AccessToken.Length * 2));
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("k", value.CacheKey);
            writer.WriteString("t", value.AccessToken);
            writer.WriteString("e", value.ExpiresAt);
            writer.WriteString("r", value.RefreshAt);
            if (value.Scope is not null)
            {
                writer.WriteString("s", value.Scope);
            }

            writer.WriteEndObject();
        }

        var plain = json.WrittenSpan.ToArray();
        try
        {
            target.Write(_protector.Protect(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            json.Clear();
        }
    }

    public CachedToken Deserialize(ReadOnlySequence<byte> source)
    {
        byte[] plain;
        try
        {
            plain = _protector.Unprotect(source.ToArray());
        }
        catch (CryptographicException exception)
        {
            // A null entry is a miss to the client, and HybridCache rethrows what a serializer throws.
            Unreadable("it does not decrypt with this instance's Data Protection key ring", exception);
            return null!;
        }

        try
        {
            return Read(plain) ?? Unreadable("its content is not a cached token", exception: null);
        }
        catch (JsonException exception)
        {
            return Unreadable("its content is not a cached token", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static CachedToken? Read(byte[] plain)
    {
        var reader = new Utf8JsonReader(plain);
        string? key = null, token = null, scope = null;
        DateTimeOffset? expiresAt = null, refreshAt = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "k": key = reader.GetString(); break;
                case "t": token = reader.GetString(); break;
                case "e": expiresAt = reader.GetDateTimeOffset(); break;
                case "r": refreshAt = reader.GetDateTimeOffset(); break;
                case "s": scope = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }

        return key is null || string.IsNullOrEmpty(token) || expiresAt is not { } expires || refreshAt is not { } refresh
            ? null
            : new CachedToken { CacheKey = key, AccessToken = token, ExpiresAt = expires, RefreshAt = refresh, Scope = scope };
    }

    private CachedToken Unreadable(string reason, Exception? exception)
    {
        if (Interlocked.Exchange(ref _unreadable, 1) == 0)
        {
            TokenClientLog.SharedTokenUnreadable(_logger, reason, exception?.GetType().Name ?? "none");
        }
        else
        {
            TokenClientLog.SharedTokenUnreadableAgain(_logger, reason);
        }

        return null!;
    }
}
