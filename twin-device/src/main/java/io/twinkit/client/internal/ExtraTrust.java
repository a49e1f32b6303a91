package io.twinkit.client.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * JVM-wide trust of extra CA certificates for {@link HttpsURLConnection}, the only way to make the service SDK
 * trust an emulator (it has no SSLContext option and opens its HTTPS connections with the default socket factory).
 * The first registration installs, once, a default socket factory whose trust manager accepts what the JVM's default
 * trust store accepts plus every registered CA; later registrations only add to the set.
 */
public final class ExtraTrust {

    private static final Set<X509Certificate> EXTRA = new LinkedHashSet<>();
    private static volatile @Nullable X509TrustManager extraManager;
    private static boolean installed;

    private ExtraTrust() {
    }

    /**
     * Trusts {@code ca} as a root for every HttpsURLConnection in this JVM from now on.
     *
     * @param ca the CA certificate
     * @throws IllegalStateException if the JVM's TLS setup cannot be built
     */
    public static synchronized void trust(X509Certificate ca) {
        Objects.requireNonNull(ca, "ca");
        if (!EXTRA.add(ca) && installed) {
            return;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate cert : EXTRA) {
                store.setCertificateEntry("twinkit-extra-" + i++, cert);
            }
            extraManager = trustManager(store);
            if (!installed) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new Combined(trustManager(null))}, null);
                HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
                installed = true;
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not add the CA " + ca.getSubjectX500Principal()
                    + " to the JVM's HTTPS trust", e);
        }
    }

    private static X509TrustManager trustManager(@Nullable KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager from " + factory.getAlgorithm());
    }

    private static final class Combined implements X509TrustManager {

        private final X509TrustManager jvmDefault;

        Combined(X509TrustManager jvmDefault) {
            this.jvmDefault = jvmDefault;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jvmDefault.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                jvmDefault.checkServerTrusted(chain, authType);
            } catch (CertificateException defaultRejected) {
                X509TrustManager extra = extraManager;
                if (extra == null) {
                    throw defaultRejected;
                }
                extra.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(jvmDefault.getAcceptedIssuers()));
            X509TrustManager extra = extraManager;
            if (extra != null) {
                all.addAll(List.of(extra.getAcceptedIssuers()));
            }
            return all.toArray(new X509Certificate[0]);
        }
    }
}
