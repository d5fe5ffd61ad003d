namespace Marketplace.Tests.Payments.Alipay.Signing;

/// <summary>RSA 2048 keys made by openssl itself, in both private-key encodings, shared by the signing tests.</summary>
public sealed class OpenSslKeys : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("alipay-openssl-").FullName;

    /// <summary>"BEGIN RSA PRIVATE KEY" (PKCS#1).</summary>
    public string Pkcs1PrivatePath => Path.Combine(Dir, "pkcs1.pem");

    /// <summary>"BEGIN PRIVATE KEY" (PKCS#8) of the same key.</summary>
    public string Pkcs8PrivatePath => Path.Combine(Dir, "pkcs8.pem");

    /// <summary>"BEGIN PUBLIC KEY" (SPKI).</summary>
    public string PublicPath => Path.Combine(Dir, "public.pem");

    /// <summary>"BEGIN RSA PUBLIC KEY" (PKCS#1).</summary>
    public string Pkcs1PublicPath => Path.Combine(Dir, "public-pkcs1.pem");

    public string Pkcs1Private => File.ReadAllText(Pkcs1PrivatePath);

    public string Pkcs8Private => File.ReadAllText(Pkcs8PrivatePath);

    public string Public => File.ReadAllText(PublicPath);

    public async ValueTask InitializeAsync()
    {
        await OpenSsl.RunOkAsync("genrsa", "-traditional", "-out", Pkcs1PrivatePath, "2048");
        await OpenSsl.RunOkAsync("pkcs8", "-topk8", "-nocrypt", "-in", Pkcs1PrivatePath, "-out", Pkcs8PrivatePath);
        await OpenSsl.RunOkAsync("rsa", "-in", Pkcs1PrivatePath, "-pubout", "-out", PublicPath);
        await OpenSsl.RunOkAsync("rsa", "-in", Pkcs1PrivatePath, "-RSAPublicKey_out", "-out", Pkcs1PublicPath);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
