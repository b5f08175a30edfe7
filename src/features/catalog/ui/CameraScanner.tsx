import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { catalogText } from '../messages';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'qr_code'];

function detectorClass(): BarcodeDetectorCtor | undefined {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
}

/** Camera scanning exists where the browser has the BarcodeDetector API (Chrome on Android). */
export function hasCameraScanning(): boolean {
  return detectorClass() !== undefined && !!navigator.mediaDevices?.getUserMedia;
}

export interface CameraScannerProps {
  onScan(code: string): void;
  onClose(): void;
  locale: Locale;
}

export function CameraScanner({ onScan, onClose, locale }: CameraScannerProps) {
  const t = catalogText(locale);
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ onScan, onClose });
  useEffect(() => {
    latest.current = { onScan, onClose };
  });

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: FORMATS });
    const tick = async () => {
      const el = video.current;
      if (stopped || !el) return;
      if (el.readyState >= 2) {
        const codes = await detector.detect(el).catch(() => []);
        const code = codes[0]?.rawValue;
        if (code && !stopped) {
          latest.current.onScan(code);
          latest.current.onClose();
          return;
        }
      }
      timer = setTimeout(() => void tick(), 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        void video.current.play().catch(() => undefined);
        void tick();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="camera-title" className="dialog">
        <h2 id="camera-title">{t('cameraTitle')}</h2>
        {error ? (
          <p role="alert">{t('cameraDenied', { reason: error })}</p>
        ) : (
          <video ref={video} className="camera-video" muted playsInline />
        )}
        <button type="button" onClick={onClose} autoFocus>
          {t('cameraClose')}
        </button>
      </div>
    </div>
  );
}
