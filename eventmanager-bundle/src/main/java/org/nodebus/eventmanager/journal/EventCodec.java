package org.nodebus.eventmanager.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.nodebus.api.Event;
import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;

/**
 * The journal's binary form of events, by the payload records' components, so no payload needs code of its
 * own: numbers and booleans as themselves, text as UTF-8, hashes as their 32 bytes, enums and the event type
 * by name (a later API may add constants), optionals with a presence byte, lists of text with a count. Each
 * event carries its length, so a reader skips an event whose type it does not know (a journal written by a
 * newer API) instead of failing on the batch.
 */
public final class EventCodec {
    private static final byte VERSION = 1;

    private EventCodec() {
    }

    /** One event as the journal keeps it: enough to make the envelope again. */
    public record Stored(long sequence, long millis, String publisher, EventPayload payload) {
        public Event envelope(boolean replay, long droppedBefore, boolean redelivered) {
            return new Event(sequence, Instant.ofEpochMilli(millis), publisher, payload, replay, droppedBefore,
                    redelivered);
        }
    }

    static byte[] encode(List<Stored> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * events.size() + 8);
        DataOutputStream out = new DataOutputStream(bytes);
        ByteArrayOutputStream one = new ByteArrayOutputStream(128);
        DataOutputStream eventOut = new DataOutputStream(one);
        try {
            out.writeByte(VERSION);
            out.writeInt(events.size());
            for (Stored event : events) {
                one.reset();
                eventOut.writeLong(event.sequence());
                eventOut.writeLong(event.millis());
                text(eventOut, event.publisher());
                text(eventOut, event.payload().type().name());
                Components c = COMPONENTS.get(event.payload().getClass());
                for (int i = 0; i < c.accessors.length; i++) {
                    Object value;
                    try {
                        value = c.accessors[i].invoke(event.payload());
                    } catch (Throwable e) {
                        throw new IllegalStateException("cannot read " + event.payload().getClass().getSimpleName()
                                + "." + c.names[i], e);
                    }
                    write(eventOut, c.types[i], value);
                }
                eventOut.flush();
                out.writeInt(one.size());
                one.writeTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    /**
     * @param unknown counts the events skipped because their type is unknown here (one element)
     * @throws IllegalArgumentException if the bytes are no batch of this codec
     */
    static List<Stored> decode(byte[] batch, long[] unknown) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(batch));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("journal batch of version " + version + ", this node reads "
                        + VERSION);
            }
            int count = in.readInt();
            List<Stored> events = new ArrayList<>(count);
            for (int n = 0; n < count; n++) {
                int length = in.readInt();
                byte[] one = in.readNBytes(length);
                DataInputStream e = new DataInputStream(new java.io.ByteArrayInputStream(one));
                long sequence = e.readLong();
                long millis = e.readLong();
                String publisher = text(e);
                String typeName = text(e);
                EventType type;
                try {
                    type = EventType.valueOf(typeName);
                } catch (IllegalArgumentException notHere) {
                    unknown[0]++;
                    continue;
                }
                Components c = COMPONENTS.get(type.payloadType());
                Object[] args = new Object[c.types.length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = read(e, c.types[i]);
                }
                EventPayload payload;
                try {
                    payload = (EventPayload) c.constructor.invokeWithArguments(args);
                } catch (Throwable t) {
                    throw new IllegalArgumentException("journaled " + type.eventName() + " #" + sequence
                            + " does not make a payload: " + t, t);
                }
                events.add(new Stored(sequence, millis, publisher, payload));
            }
            return events;
        } catch (IOException e) {
            throw new IllegalArgumentException("journal batch cut short: " + e, e);
        }
    }

    private static void write(DataOutputStream out, Type type, Object value) throws IOException {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            Optional<?> optional = (Optional<?>) value;
            out.writeBoolean(optional.isPresent());
            if (optional.isPresent()) {
                write(out, p.getActualTypeArguments()[0], optional.get());
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            List<?> list = (List<?>) value;
            out.writeInt(list.size());
            for (Object element : list) {
                text(out, (String) element);
            }
        } else if (type == long.class || type == Long.class) {
            out.writeLong((Long) value);
        } else if (type == int.class || type == Integer.class) {
            out.writeInt((Integer) value);
        } else if (type == double.class) {
            out.writeDouble((Double) value);
        } else if (type == boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (type == String.class) {
            text(out, (String) value);
        } else if (type == Hash32.class) {
            out.write(((Hash32) value).bytes());
        } else if (type instanceof Class<?> c && c.isEnum()) {
            text(out, ((Enum<?>) value).name());
        } else {
            throw new IllegalStateException("the journal cannot write a " + type);
        }
    }

    private static Object read(DataInputStream in, Type type) throws IOException {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return in.readBoolean() ? Optional.of(read(in, p.getActualTypeArguments()[0])) : Optional.empty();
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            int size = in.readInt();
            List<String> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(text(in));
            }
            return List.copyOf(list);
        } else if (type == long.class || type == Long.class) {
            return in.readLong();
        } else if (type == int.class || type == Integer.class) {
            return in.readInt();
        } else if (type == double.class) {
            return in.readDouble();
        } else if (type == boolean.class) {
            return in.readBoolean();
        } else if (type == String.class) {
            return text(in);
        } else if (type == Hash32.class) {
            return Hash32.of(in.readNBytes(Hash32.LENGTH));
        } else if (type instanceof Class<?> c && c.isEnum()) {
            String name = text(in);
            return Arrays.stream(c.getEnumConstants()).filter(k -> ((Enum<?>) k).name().equals(name)).findFirst()
                    .orElseThrow(() -> new IOException(c.getSimpleName() + " has no constant " + name));
        }
        throw new IllegalStateException("the journal cannot read a " + type);
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static final ClassValue<Components> COMPONENTS = new ClassValue<>() {
        @Override
        protected Components computeValue(Class<?> type) {
            return new Components(type);
        }
    };

    /** A payload record's components: names, generic types, accessors and canonical constructor. */
    private static final class Components {
        final String[] names;
        final Type[] types;
        final MethodHandle[] accessors;
        final MethodHandle constructor;

        Components(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            names = new String[components.length];
            types = new Type[components.length];
            accessors = new MethodHandle[components.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    types[i] = components[i].getGenericType();
                    accessors[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                }
                constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot journal " + type.getSimpleName(), e);
            }
        }
    }
}
